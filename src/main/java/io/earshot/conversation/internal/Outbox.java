package io.earshot.conversation.internal;

import io.earshot.ingest.OutboundConnector;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands queued replies to their channel's connector. A row is claimed by a conditional update before it is
 * sent, so two instances never send one reply; a failure is retried with backoff, up to {@value #MAX_ATTEMPTS} times.
 */
@Component
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final int MAX_ATTEMPTS = 8;
    static final long CLAIM_MILLIS = 300_000;

    private final JdbcTemplate jdbc;
    private final List<OutboundConnector> connectors;
    private final Clock clock;

    Outbox(JdbcTemplate jdbc, List<OutboundConnector> connectors, Clock clock) {
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.clock = clock;
    }

    private record Pending(long id, long messageId, String channel, int attempts, String text, String inReplyTo,
                           String recipient, boolean privateMessage) {
    }

    @Scheduled(fixedDelayString = "${earshot.outbox.poll:500ms}")
    void dispatch() {
        long now = clock.millis();
        List<Pending> due = jdbc.query("select o.id, o.message_id, o.channel, o.attempts, m.body, m.in_reply_to, "
                + "cu.handle, m.private_message from outbox o join message m on m.id = o.message_id "
                + "join customer cu on cu.id = m.customer_id "
                + "where o.status in ('queued', 'sending') and o.next_attempt_at <= ? order by o.next_attempt_at limit 50",
                (rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8)), now);
        for (Pending p : due) {
            // a row left 'sending' by a crash comes due again after the claim times out; the connector is idempotent
            if (jdbc.update("update outbox set status = 'sending', attempts = attempts + 1, next_attempt_at = ? "
                    + "where id = ? and attempts = ? and status in ('queued', 'sending')", now + CLAIM_MILLIS, p.id(), p.attempts()) != 1) {
                continue;
            }
            deliver(p, now);
        }
    }

    private void deliver(Pending p, long now) {
        OutboundConnector connector = connectors.stream().filter(c -> c.serves(p.channel())).findFirst().orElse(null);
        try {
            if (connector == null) {
                throw new IllegalStateException("no connector serves channel " + p.channel());
            }
            String ref = connector.send(new OutboundConnector.Outgoing("earshot-" + p.messageId(), p.channel(), p.inReplyTo(),
                    p.recipient(), p.text(), p.privateMessage()));
            jdbc.update("update outbox set status = 'sent', sent_at = ?, external_ref = ?, last_error = null where id = ?",
                    clock.millis(), ref, p.id());
        } catch (Exception e) {
            int attempts = p.attempts() + 1;
            boolean giveUp = attempts >= MAX_ATTEMPTS;
            long backoff = Math.min(3_600_000L, 1000L << Math.min(20, attempts));
            String error = String.valueOf(e.getMessage());
            log.warn("delivery of message {} on {} failed (attempt {}): {}", p.messageId(), p.channel(), attempts, error);
            jdbc.update("update outbox set status = ?, next_attempt_at = ?, last_error = ? where id = ?",
                    giveUp ? "failed" : "queued", now + backoff, error.length() > 1000 ? error.substring(0, 1000) : error, p.id());
        }
    }
}
