package io.earshot.alerting;

import java.time.Instant;
import java.util.List;

/**
 * A receiver of alerts. The secret signs deliveries and is never shown again after creation.
 *
 * @param disabledReason why deliveries stopped, when {@code active} is false
 * @param warning        only in the answer to its registration: why calls to this address will be refused
 *                       (an address inside Earshot's own network); absent otherwise
 */
public record Webhook(String id, String url, List<String> events, boolean active, String disabledReason,
                      int consecutiveFailures, Instant createdAt,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      String warning) {

    Webhook withWarning(String text) {
        return new Webhook(id, url, events, active, disabledReason, consecutiveFailures, createdAt, text);
    }
}
