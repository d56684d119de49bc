package io.earshot.alerting.internal;

import io.earshot.alerting.Alert;
import io.earshot.alerting.Alerts;
import io.earshot.alerting.Webhooks;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.TimerHandler;
import io.earshot.platform.Timers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Delivers an alert to a webhook, one attempt per timer. The body is signed with HMAC-SHA256 over
 * {@code timestamp + "." + body} with the webhook's secret ({@code X-Earshot-Signature: sha256=<hex>},
 * {@code X-Earshot-Timestamp}); {@code X-Earshot-Delivery} names the delivery, so a receiver can drop a
 * repeat. A failed attempt is logged and the next one set after a doubling wait; after the last the delivery
 * fails, and a webhook whose deliveries fail too often in a row is disabled with the reason stored.
 */
@Component
public class WebhookDeliverer implements TimerHandler {

    public static final String TIMER = "webhook-delivery";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Timers timers;
    private final EarshotClock clock;
    private final ObjectMapper json;
    private final Alerts alerts;
    private final AlertingSettings settings;
    private final WebhookClient client;

    WebhookDeliverer(JdbcTemplate jdbc, TransactionTemplate tx, Timers timers, EarshotClock clock, ObjectMapper json,
                     Alerts alerts, AlertingSettings settings, WebhookClient client) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.timers = timers;
        this.clock = clock;
        this.json = json;
        this.alerts = alerts;
        this.settings = settings;
        this.client = client;
    }

    public static String key(long deliveryId, int attempt) {
        return deliveryId + "#" + attempt;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    private record Target(long deliveryId, long alertId, String status, int attempts, String url, String secret, boolean active) {
    }

    @Override
    public void fire(String key) {
        int hash = key.indexOf('#');
        long deliveryId = Long.parseLong(key.substring(0, hash));
        int attempt = Integer.parseInt(key.substring(hash + 1));
        List<Target> found = jdbc.query("select d.id, d.alert_id, d.status, d.attempts, w.url, w.secret, w.active "
                + "from webhook_delivery d join webhook w on w.id = d.webhook_id where d.id = ?", (rs, n) -> new Target(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6), rs.getBoolean(7)), deliveryId);
        if (found.isEmpty() || !"pending".equals(found.get(0).status()) || found.get(0).attempts() >= attempt) {
            return; // delivered, given up, or this attempt was already made
        }
        Target t = found.get(0);
        if (!t.active()) {
            jdbc.update("update webhook_delivery set status = 'abandoned', last_error = 'webhook disabled', next_attempt_at = null "
                    + "where id = ?", deliveryId);
            return;
        }
        Alert alert = alerts.byId(t.alertId()).orElse(null);
        if (alert == null) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("deliveryId", Long.toString(deliveryId));
        payload.put("attempt", attempt);
        payload.put("alert", alert);
        String body = json.writeValueAsString(payload);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Integer status = null;
        String error = null;
        long started = System.nanoTime(); // measures the call, not domain time
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Earshot-Webhooks/1");
            headers.put("X-Earshot-Event", alert.kind());
            headers.put("X-Earshot-Delivery", Long.toString(deliveryId));
            headers.put("X-Earshot-Timestamp", timestamp);
            headers.put("X-Earshot-Signature", "sha256=" + sign(t.secret(), timestamp + "." + body));
            // the address is checked as the connection is made, on the very addresses connected to
            status = client.post(URI.create(t.url()), headers, body);
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (WebhookResolver.Refused e) {
            error = "not called: " + e.getMessage();
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = (e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long duration = (System.nanoTime() - started) / 1_000_000;
        record(t, attempt, status, error == null ? null : error.substring(0, Math.min(error.length(), 480)), duration);
    }

    private void record(Target t, int attempt, Integer status, String error, long durationMs) {
        long now = clock.millis();
        tx.executeWithoutResult(s -> {
            jdbc.update("insert into webhook_attempt (delivery_id, attempt, at, status_code, error, duration_ms) values (?, ?, ?, ?, ?, ?) "
                    + "on conflict do nothing", t.deliveryId(), attempt, now, status, error, durationMs);
            List<Long> hook = jdbc.queryForList("select d.webhook_id from webhook_delivery d join webhook w on w.id = d.webhook_id "
                    + "where d.id = ?", Long.class, t.deliveryId());
            if (hook.isEmpty()) {
                return; // the webhook was deleted while this attempt ran
            }
            long webhookId = hook.get(0);
            if (error == null) {
                jdbc.update("update webhook_delivery set status = 'delivered', attempts = ?, last_status = ?, last_error = null, "
                        + "next_attempt_at = null, delivered_at = ? where id = ?", attempt, status, now, t.deliveryId());
                jdbc.update("update webhook set consecutive_failures = 0 where id = ?", webhookId);
                return;
            }
            boolean more = attempt < settings.webhookAttempts();
            long next = now + settings.webhookBackoff().toMillis() * (1L << Math.min(attempt - 1, 16));
            jdbc.update("update webhook_delivery set status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? "
                    + "where id = ?", more ? "pending" : "failed", attempt, status, error, more ? next : null, t.deliveryId());
            if (more) {
                timers.schedule(TIMER, key(t.deliveryId(), attempt + 1), Instant.ofEpochMilli(next));
                return;
            }
            jdbc.update("update webhook set consecutive_failures = consecutive_failures + 1 where id = ?", webhookId);
            int failures = jdbc.queryForObject("select consecutive_failures from webhook where id = ?", Integer.class, webhookId);
            if (failures >= settings.webhookDisableAfter()) {
                jdbc.update("update webhook set active = false, disabled_reason = ? where id = ? and active = true",
                        "disabled at " + Instant.ofEpochMilli(now) + " after " + failures + " deliveries in a row failed all "
                                + settings.webhookAttempts() + " attempts; last: " + error, webhookId);
                jdbc.update("update webhook_delivery set status = 'abandoned', next_attempt_at = null where webhook_id = ? and status = 'pending'",
                        webhookId);
            }
        });
    }

    /** Hex HMAC-SHA256 of {@code message} under {@code secret}. */
    static String sign(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
