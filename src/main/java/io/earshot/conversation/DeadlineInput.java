package io.earshot.conversation;

import java.time.Instant;

/**
 * What a conversation's deadlines are computed from.
 *
 * @param pauses the spans the conversation waited on the customer ({@code pending}), as
 *               {@code from-to,from-} in epoch milliseconds; an open end is a pause still going on
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
        String pauses) {
}
