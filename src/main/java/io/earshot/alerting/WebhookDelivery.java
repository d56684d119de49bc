package io.earshot.alerting;

import java.time.Instant;
import java.util.List;

/**
 * One alert's way to one webhook: {@code pending} (being tried), {@code delivered}, {@code failed} (attempts
 * used up) or {@code abandoned} (the webhook was disabled), with every attempt.
 */
public record WebhookDelivery(String id, String alertId, String kind, String status, int attempts, Integer lastStatus,
                              String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt,
                              List<Attempt> log) {

    /** One attempt: when, the HTTP status (null when no answer came), the error, how long it took. */
    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {
    }
}
