package io.earshot.conversation;

import java.time.Instant;

/**
 * When we owe the customer a first response, the next update, and the resolution; any may be null (none
 * owed, or the clocks are paused). {@code policyId} names the SLA policy they come from.
 */
public record Deadlines(Instant firstResponseDue, Instant nextUpdateDue, Instant resolutionDue, Long policyId) {
}
