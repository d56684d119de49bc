package io.earshot.alerting.internal;

import io.earshot.alerting.Alert;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert delivery.
 *
 * @param webhookTimeout     how long one webhook call may take: to connect, between two reads, and in all
 * @param webhookBackoff     wait before the second attempt; doubles with each further attempt
 * @param webhookAttempts    attempts per delivery before it is given up
 * @param webhookDisableAfter deliveries in a row that failed every attempt, after which a webhook is disabled (reason shown)
 * @param webhookPrivateAddresses allow webhooks to loopback, private, link-local and the other special-purpose
 *                           addresses, and to this machine's own (a receiver inside Earshot's own network); off, so
 *                           that a webhook cannot reach internal services (see {@link WebhookResolver})
 * @param mailFrom           sender of alert emails; emails go out only when {@code spring.mail.host} is set
 * @param publicUrl          the address agents reach Earshot at (links in emails)
 */
@ConfigurationProperties("earshot.alerting")
public record AlertingSettings(
        @DefaultValue("10s") Duration webhookTimeout,
        @DefaultValue("30s") Duration webhookBackoff,
        @DefaultValue("8") int webhookAttempts,
        @DefaultValue("5") int webhookDisableAfter,
        @DefaultValue("false") boolean webhookPrivateAddresses,
        @DefaultValue("earshot@localhost") String mailFrom,
        @DefaultValue("http://localhost:8080") String publicUrl) {
}
