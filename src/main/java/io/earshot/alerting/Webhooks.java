package io.earshot.alerting;

import io.earshot.alerting.internal.WebhookResolver;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Webhook registrations and their delivery logs. */
@Service
public class Webhooks {

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final WebhookResolver addresses;

    Webhooks(JdbcTemplate jdbc, IdGenerator ids, EarshotClock clock, WebhookResolver addresses) {
        this.addresses = addresses;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Registers a receiver for the alert kinds in {@code events} ("*" for all). An address inside Earshot's own
     * network is registered with a warning; every call to it is refused (see {@link WebhookResolver}).
     */
    public Webhook create(String url, List<String> events, String secret) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            throw EarshotException.invalid("url", "url is not a valid address");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw EarshotException.invalid("url", "url must be an absolute http or https address");
        }
        if (events == null || events.isEmpty()) {
            throw EarshotException.invalid("events", "events must name at least one alert kind, or \"*\"");
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String e : events) {
            if (!"*".equals(e) && !Alert.KINDS.contains(e)) {
                throw EarshotException.invalid("events", "'" + e + "' is not an alert kind; use one of " + Alert.KINDS + " or \"*\"");
            }
            kinds.add(e);
        }
        if (secret == null || secret.length() < 8) {
            throw EarshotException.invalid("secret", "secret must have at least 8 characters (use a long random one)");
        }
        // accepted, with a warning: the refusal itself happens at every call, on the addresses it connects to
        String warning = addresses.refusal(uri, false)
                .map(why -> "calls to this address will be refused: " + why).orElse(null);
        long id = ids.nextId();
        long now = clock.millis();
        String stored = kinds.contains("*") ? "*" : String.join(",", kinds);
        jdbc.update("insert into webhook (id, url, events, secret, active, consecutive_failures, created_at) values (?, ?, ?, ?, true, 0, ?)",
                id, uri.toString(), stored, secret, now);
        return byId(id).orElseThrow().withWarning(warning);
    }

    public List<Webhook> all() {
        return jdbc.query("select * from webhook order by id", (rs, n) -> map(rs));
    }

    public Optional<Webhook> byId(long id) {
        return jdbc.query("select * from webhook where id = ?", (rs, n) -> map(rs), id).stream().findFirst();
    }

    public boolean delete(long id) {
        jdbc.update("update webhook_delivery set status = 'abandoned', last_error = 'webhook deleted' where webhook_id = ? and status = 'pending'", id);
        return jdbc.update("delete from webhook where id = ?", id) > 0;
    }

    /** Turns a disabled webhook back on (after its receiver was fixed). */
    public Optional<Webhook> enable(long id) {
        jdbc.update("update webhook set active = true, disabled_reason = null, consecutive_failures = 0 where id = ?", id);
        return byId(id);
    }

    /** The newest deliveries of a webhook, each with its attempts. */
    public List<WebhookDelivery> deliveries(long webhookId, int limit) {
        List<WebhookDelivery> found = jdbc.query("select d.*, a.kind from webhook_delivery d left join alert a on a.id = d.alert_id "
                + "where d.webhook_id = ? order by d.created_at desc, d.id desc limit ?", (rs, n) -> new WebhookDelivery(
                rs.getString("id"), rs.getString("alert_id"), rs.getString("kind"), rs.getString("status"), rs.getInt("attempts"),
                (Integer) rs.getObject("last_status", Integer.class), rs.getString("last_error"),
                at((Long) rs.getObject("next_attempt_at", Long.class)), at((Long) rs.getObject("delivered_at", Long.class)),
                Instant.ofEpochMilli(rs.getLong("created_at")), List.of()), webhookId, limit);
        return found.stream().map(d -> new WebhookDelivery(d.id(), d.alertId(), d.kind(), d.status(), d.attempts(), d.lastStatus(),
                d.lastError(), d.nextAttemptAt(), d.deliveredAt(), d.createdAt(), jdbc.query(
                        "select * from webhook_attempt where delivery_id = ? order by attempt", (rs, n) -> new WebhookDelivery.Attempt(
                                rs.getInt("attempt"), Instant.ofEpochMilli(rs.getLong("at")),
                                (Integer) rs.getObject("status_code", Integer.class), rs.getString("error"), rs.getLong("duration_ms")),
                        Long.parseLong(d.id())))).toList();
    }

    private static Instant at(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Webhook map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Webhook(rs.getString("id"), rs.getString("url"), Arrays.asList(rs.getString("events").split(",")),
                rs.getBoolean("active"), rs.getString("disabled_reason"), rs.getInt("consecutive_failures"),
                Instant.ofEpochMilli(rs.getLong("created_at")), null);
    }
}
