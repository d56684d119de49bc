package io.earshot.conversation;

import java.time.Instant;

/**
 * What a conversation's deadlines are computed from.
 *
 * @param pauses   the spans the clocks stood still (waiting on the customer, or resolved before a reopen), as
 *                 {@code from-to,from-} in epoch milliseconds; an open end is a pause still going on
 * @param policyId the SLA policy chosen before, if any: it stays, so deadlines do not jump as priority moves
 */
public record DeadlineInput(
        long conversationId,
        String channel,
        String status,
        String sentimentLabel,
        String intent,
        String priorityLevel,
        long followers,
        Long assigneeId,
        Instant createdAt,
        Instant lastInboundAt,
        Instant lastOutboundAt,
        Instant firstResponseAt,
        Instant resolvedAt,
        String pauses,
        Long policyId) {
}
