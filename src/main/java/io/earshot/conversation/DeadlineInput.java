package io.earshot.conversation;

import java.time.Instant;

/** What a conversation's deadlines are computed from. */
public record DeadlineInput(
        String channel,
        String status,
        String sentimentLabel,
        String intent,
        String priorityLevel,
        long followers,
        Instant createdAt,
        Instant lastInboundAt,
        Instant lastOutboundAt,
        Instant firstResponseAt) {
}
