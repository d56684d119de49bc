package io.earshot.followup;

import java.time.Instant;

/**
 * A conversation missed an SLA target.
 *
 * @param target {@code firstResponse}, {@code nextUpdate} or {@code resolution}
 */
public record SlaBreached(long conversationId, String target, Instant dueAt, Instant breachedAt, Long assigneeId, String policy) {
}
