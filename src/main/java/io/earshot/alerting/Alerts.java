package io.earshot.alerting;

import io.earshot.alerting.internal.AlertMailer;
import io.earshot.alerting.internal.AlertRaised;
import io.earshot.alerting.internal.WebhookDeliverer;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.IdGenerator;
import io.earshot.platform.Timers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Raises alerts, once each: an alert carries a key naming what it is about (say, the third silence alert of
 * one silence), and a key already stored raises nothing. A new alert is queued, in the same transaction, for
 * every webhook that wants its kind and for email to its recipients.
 */
@Service
public class Alerts {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** An alert to raise. {@code dedupeKey} makes raising it again a no-op. */
    public record NewAlert(String kind, String severity, Long conversationId, Long commitmentId, Long topicId,
                           List<Long> recipients, Map<String, Object> details, String dedupeKey) {

        /** An alert about a conversation or a promise, not a topic. */
        public NewAlert(String kind, String severity, Long conversationId, Long commitmentId, List<Long> recipients,
                        Map<String, Object> details, String dedupeKey) {
            this(kind, severity, conversationId, commitmentId, null, recipients, details, dedupeKey);
        }
    }

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final ObjectMapper json;
    private final Timers timers;
    private final ApplicationEventPublisher publisher;

    Alerts(JdbcTemplate jdbc, IdGenerator ids, EarshotClock clock, ObjectMapper json, Timers timers, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.timers = timers;
        this.publisher = publisher;
    }

    /** How many alerts have been raised. */
    public long count() {
        return jdbc.queryForObject("select count(*) from alert", Long.class);
    }

    /** Stores the alert unless one with its key exists; returns it when it is new. Call inside a transaction. */
    public Optional<Alert> raise(NewAlert a) {
        long id = ids.nextId();
        long now = clock.millis();
        List<Long> to = a.recipients().stream().filter(java.util.Objects::nonNull).distinct().toList();
        String recipients = String.join(",", to.stream().map(String::valueOf).toList());
        int inserted = jdbc.update("insert into alert (id, kind, severity, fired_at, conversation_id, commitment_id, topic_id, recipients, "
                + "details, dedupe_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing", id, a.kind(), a.severity(), now,
                a.conversationId(), a.commitmentId(), a.topicId(), recipients, json.writeValueAsString(a.details()), a.dedupeKey());
        if (inserted == 0) {
            return Optional.empty();
        }
        Alert alert = new Alert(Long.toString(id), a.kind(), a.severity(), Instant.ofEpochMilli(now), str(a.conversationId()), str(a.topicId()),
                str(a.commitmentId()), to.stream().map(String::valueOf).toList(), a.details());
        List<Long> hooks = jdbc.queryForList("select id from webhook where active = true and (events = '*' or ',' || events || ',' like ?)",
                Long.class, "%," + a.kind() + ",%");
        List<Timers.Timer> deliveries = new ArrayList<>();
        for (long hook : hooks) {
            long deliveryId = ids.nextId();
            jdbc.update("insert into webhook_delivery (id, webhook_id, alert_id, status, attempts, next_attempt_at, created_at) "
                    + "values (?, ?, ?, 'pending', 0, ?, ?)", deliveryId, hook, id, now, now);
            deliveries.add(new Timers.Timer(WebhookDeliverer.key(deliveryId, 1), Instant.ofEpochMilli(now)));
        }
        timers.scheduleAll(WebhookDeliverer.TIMER, deliveries);
        if (!to.isEmpty()) {
            timers.schedule(AlertMailer.TIMER, Long.toString(id), Instant.ofEpochMilli(now));
        }
        publisher.publishEvent(new AlertRaised(alert));
        return Optional.of(alert);
    }

    /** Alerts fired since {@code since} (newest first), of one kind or all, of one conversation or all. */
    public List<Alert> list(Instant since, String kind, Long conversationId, int limit) {
        StringBuilder sql = new StringBuilder("select * from alert where fired_at >= ?");
        List<Object> args = new ArrayList<>(List.of(since == null ? 0L : since.toEpochMilli()));
        if (kind != null) {
            sql.append(" and kind = ?");
            args.add(kind);
        }
        if (conversationId != null) {
            sql.append(" and conversation_id = ?");
            args.add(conversationId);
        }
        sql.append(" order by fired_at desc, id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> map(rs), args.toArray());
    }

    public Optional<Alert> byId(long id) {
        return jdbc.query("select * from alert where id = ?", (rs, n) -> map(rs), id).stream().findFirst();
    }

    private Alert map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String recipients = rs.getString("recipients");
        return new Alert(rs.getString("id"), rs.getString("kind"), rs.getString("severity"),
                Instant.ofEpochMilli(rs.getLong("fired_at")), rs.getString("conversation_id"), rs.getString("topic_id"),
                rs.getString("commitment_id"),
                recipients == null || recipients.isBlank() ? List.of() : Arrays.asList(recipients.split(",")),
                json.readValue(rs.getString("details"), MAP));
    }

    private static String str(Long v) {
        return v == null ? null : v.toString();
    }
}
