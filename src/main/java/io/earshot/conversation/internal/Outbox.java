package io.earshot.conversation.internal;

import io.earshot.ingest.OutboundConnector;
import io.earshot.platform.TimerEngine;
import io.earshot.platform.TimerHandler;
import io.earshot.platform.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands queued replies to their channel's connector, one {@value #TIMER} timer per attempt (db-scheduler, like every
 * deferred job): {@link #queue} writes the row and its first timer in the caller's transaction. A row is claimed by
 * a conditional update before it is sent, so two instances never send one reply; a failure is retried with backoff,
 * up to {@value #MAX_ATTEMPTS} times; a send cut short by a crash is fired again by the scheduler, and the
 * connector gets the same idempotency key.
 */
@Component
public class Outbox implements TimerHandler {

    public static final String TIMER = "outbox-send";
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final int MAX_ATTEMPTS = 8;
    static final long CLAIM_MILLIS = 300_000;

    private final JdbcTemplate jdbc;
    private final List<OutboundConnector> connectors;
    private final Clock clock;
    private final Timers timers;
    private final TransactionTemplate tx;
    private final ObjectProvider<TimerEngine> engine;

    Outbox(JdbcTemplate jdbc, List<OutboundConnector> connectors, Clock clock, Timers timers, TransactionTemplate tx,
           ObjectProvider<TimerEngine> engine) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.clock = clock;
        this.timers = timers;
        this.tx = tx;
    }

    private record Pending(long id, long messageId, String channel, int attempts, String text, String inReplyTo,
                           String recipient, boolean privateMessage) {
    }

    /** Queues a stored outbound message for its channel, with its first send timer, in the caller's transaction. */
    public void queue(long outboxId, long messageId, long conversationId, String channel, long now) {
        jdbc.update("insert into outbox (id, message_id, conversation_id, channel, status, attempts, next_attempt_at, created_at) "
                + "values (?, ?, ?, ?, 'queued', 0, ?, ?)", outboxId, messageId, conversationId, channel, now, now);
        timers.schedule(TIMER, key(outboxId, 0), Instant.ofEpochMilli(now));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    engine.getIfAvailable().nudge(); // send now, not at the scheduler's next poll
                }
            });
        }
    }

    /**
     * At start, every reply still waiting to be sent has its timer (rows queued before the outbox had timers, or whose
     * timer gave up): scheduling one that exists changes nothing.
     */
    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        List<Timers.Timer> waiting = jdbc.query("select id, attempts, next_attempt_at from outbox where status in ('queued', 'sending')",
                (rs, n) -> new Timers.Timer(key(rs.getLong(1), rs.getInt(2)), Instant.ofEpochMilli(rs.getLong(3))));
        timers.scheduleAll(TIMER, waiting);
    }

    static String key(long outboxId, int attempts) {
        return outboxId + "#" + attempts;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @Override
    public void fire(String key) {
        long id = Long.parseLong(key.substring(0, key.indexOf('#')));
        long now = clock.millis();
        Pending p = jdbc.query("select o.id, o.message_id, o.channel, o.attempts, m.body, m.in_reply_to, "
                + "cu.handle, m.private_message from outbox o join message m on m.id = o.message_id "
                + "join customer cu on cu.id = m.customer_id where o.id = ? "
                + "and (o.status = 'queued' or (o.status = 'sending' and o.next_attempt_at <= ?))",
                (rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8)), id, now).stream().findFirst().orElse(null);
        if (p == null) {
            return; // sent or given up already, or another instance holds its claim (sending, until the claim expires)
        }
        // a row left 'sending' by a crash is claimed again once its claim expired, when the scheduler fires it again
        if (jdbc.update("update outbox set status = 'sending', attempts = attempts + 1, next_attempt_at = ? "
                + "where id = ? and attempts = ? and status in ('queued', 'sending')", now + CLAIM_MILLIS, p.id(), p.attempts()) != 1) {
            return;
        }
        deliver(p, now);
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
            tx.executeWithoutResult(status -> {
                jdbc.update("update outbox set status = ?, next_attempt_at = ?, last_error = ? where id = ?",
                        giveUp ? "failed" : "queued", now + backoff, error.length() > 1000 ? error.substring(0, 1000) : error, p.id());
                if (!giveUp) {
                    timers.schedule(TIMER, key(p.id(), attempts), Instant.ofEpochMilli(now + backoff));
                }
            });
        }
    }
}
