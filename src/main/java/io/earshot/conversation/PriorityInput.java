package io.earshot.conversation;

import java.time.Duration;

/**
 * What priority is computed from: the latest inbound message's signals, the customer's reach,
 * how long the customer has been waiting on us and how often they have written.
 */
public record PriorityInput(
        String sentimentLabel,
        double sentimentScore,
        String intent,
        long followers,
        boolean verified,
        Duration waiting,
        int inboundCount,
        boolean publicChannel) {
}
