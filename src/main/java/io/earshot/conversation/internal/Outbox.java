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

    private record Pending(long id, long messageId, long conversationId, String channel, Long accountId, int attempts,
                           String text, String inReplyTo, String recipient, boolean privateMessage, String subject) {
    }

    /**
     * Queues a stored outbound message for its channel and account ({@code accountId} null for none), to
     * {@code recipient} (null: the customer's handle), with its first send timer, in the caller's transaction.
     */
    public void queue(long outboxId, long messageId, long conversationId, String channel, Long accountId, String recipient,
                      long now) {
        jdbc.update("insert into outbox (id, message_id, conversation_id, channel, account_id, recipient, status, attempts, "
                + "next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)", outboxId, messageId, conversationId,
                channel, accountId, recipient, now, now);
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
        Pending p = jdbc.query("select o.id, o.message_id, o.conversation_id, o.channel, o.account_id, o.attempts, m.body, "
                + "m.in_reply_to, coalesce(o.recipient, cu.handle), m.private_message, m.subject from outbox o "
                + "join message m on m.id = o.message_id join customer cu on cu.id = m.customer_id where o.id = ? "
                + "and (o.status = 'queued' or (o.status = 'sending' and o.next_attempt_at <= ?))",
                (rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Sql.longOrNull(rs, "account_id"),
                        rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11)),
                id, now).stream().findFirst().orElse(null);
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
        int attempt = p.attempts() + 1;
        OutboundConnector.Outgoing outgoing = new OutboundConnector.Outgoing("earshot-" + p.messageId(), p.messageId(),
                p.accountId(), p.channel(), p.inReplyTo(), p.recipient(), p.text(), p.privateMessage(), p.subject(),
                thread(p), attempt);
        OutboundConnector connector = connectors.stream().filter(c -> c.serves(outgoing)).findFirst().orElse(null);
        try {
            if (connector == null) {
                throw new OutboundConnector.Refused("no connector serves channel " + p.channel()
                        + (p.accountId() == null ? "" : " on account " + p.accountId()));
            }
            // an earlier attempt may have reached the provider before it failed or Earshot stopped: ask before sending again
            java.util.Optional<String> had = attempt > 1 ? connector.alreadyDelivered(outgoing) : java.util.Optional.empty();
            String ref = had.isPresent() ? had.get() : connector.send(outgoing);
            // the provider's id in the same update that marks the row sent
            jdbc.update("update outbox set status = 'sent', sent_at = ?, external_ref = ?, last_error = null where id = ?",
                    clock.millis(), ref, p.id());
            if (had.isPresent()) {
                log.info("message {} on {} was already delivered by an earlier attempt ({}); not sent again", p.messageId(),
                        p.channel(), ref);
            }
        } catch (OutboundConnector.RateLimited e) {
            long at = Math.max(now + 1000, e.retryAt() == null ? now + 60_000 : e.retryAt().toEpochMilli());
            at += java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 2000); // jitter: not every instance at once
            log.info("delivery of message {} on {} rate limited until {}", p.messageId(), p.channel(), Instant.ofEpochMilli(at));
            later(p, attempt, "rate limited: " + e.getMessage(), at, false);
        } catch (OutboundConnector.Refused e) {
            log.warn("delivery of message {} on {} refused: {}", p.messageId(), p.channel(), e.getMessage());
            later(p, attempt, "refused: " + e.getMessage(), now, true);
        } catch (Exception e) {
            boolean giveUp = attempt >= MAX_ATTEMPTS;
            long backoff = Math.min(3_600_000L, 1000L << Math.min(20, attempt));
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("delivery of message {} on {} failed (attempt {}): {}", p.messageId(), p.channel(), attempt, error);
            later(p, attempt, error, now + backoff, giveUp);
        }
    }

    /** Records a failed attempt: the row waits for its next attempt at {@code at}, or has failed for good. */
    private void later(Pending p, int attempt, String error, long at, boolean giveUp) {
        String reason = error.length() > 1000 ? error.substring(0, 1000) : error;
        tx.executeWithoutResult(status -> {
            jdbc.update("update outbox set status = ?, next_attempt_at = ?, last_error = ? where id = ?",
                    giveUp ? "failed" : "queued", at, reason, p.id());
            if (!giveUp) {
                timers.schedule(TIMER, key(p.id(), attempt), Instant.ofEpochMilli(at));
            }
        });
    }

    /** The channel's ids of the conversation's earlier messages on the reply's channel and account, oldest first. */
    private List<String> thread(Pending p) {
        List<String> ids = jdbc.queryForList("select external_id from message where conversation_id = ? and channel = ? "
                + "and account_id is not distinct from ? and id <> ? order by created_at desc, id desc limit 20", String.class,
                p.conversationId(), p.channel(), p.accountId(), p.messageId());
        java.util.Collections.reverse(ids);
        return ids;
    }

    /**
     * Tries a reply that failed for good once more, now. Returns false when the message has no failed delivery.
     */
    public boolean retry(long messageId) {
        List<long[]> found = jdbc.query("select id, attempts from outbox where message_id = ? and status = 'failed' for update",
                (rs, n) -> new long[] {rs.getLong(1), rs.getInt(2)}, messageId);
        if (found.isEmpty()) {
            return false;
        }
        long id = found.get(0)[0];
        int attempts = (int) Math.min(found.get(0)[1], MAX_ATTEMPTS - 1); // one more attempt: it gives up again if it fails
        long now = clock.millis();
        jdbc.update("update outbox set status = 'queued', next_attempt_at = ?, attempts = ? where id = ?", now, attempts, id);
        timers.schedule(TIMER, key(id, attempts), Instant.ofEpochMilli(now));
        return true;
    }
}
