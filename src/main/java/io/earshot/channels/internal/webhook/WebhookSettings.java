package io.earshot.channels.internal.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed inbound webhooks ({@code POST /hooks/{accountId}}) and the replies they send back. The body limit is
 * {@code earshot.http.max-body-size} (1 MB), as for every endpoint.
 *
 * @param window           how far a request's {@code X-Earshot-Timestamp} may be from the application clock, either way
 * @param keepDeliveries   how long a delivery id is remembered; at least twice the window, so every replay the window
 *                         lets through is still recognised
 * @param timeout          how long a reply's call to the account's replyUrl may take: to connect, and in all
 * @param privateAddresses allow replyUrls at loopback, private, link-local and other internal addresses (a receiver
 *                         inside Earshot's own network); off, so that an account cannot make Earshot call internal
 *                         services or a cloud metadata address
 */
@ConfigurationProperties("earshot.channels.webhook")
public record WebhookSettings(
        @DefaultValue("5m") Duration window,
        @DefaultValue("1d") Duration keepDeliveries,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("false") boolean privateAddresses) {

    public WebhookSettings {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("earshot.channels.webhook.window must be positive");
        }
        if (keepDeliveries.compareTo(window.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("earshot.channels.webhook.keep-deliveries must be at least twice the window ("
                    + window.multipliedBy(2) + "), or a replay could be taken for a new delivery");
        }
    }
}
