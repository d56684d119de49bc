package io.earshot.alerting;

import java.time.Instant;
import java.util.List;

/**
 * A receiver of alerts. The secret signs deliveries and is never shown again after creation.
 *
 * @param disabledReason why deliveries stopped, when {@code active} is false
 */
public record Webhook(String id, String url, List<String> events, boolean active, String disabledReason,
                      int consecutiveFailures, Instant createdAt) {
}
