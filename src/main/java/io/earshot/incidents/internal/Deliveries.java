package io.earshot.incidents.internal;

import io.earshot.channels.ChannelAccount;
import io.earshot.channels.ChannelAccounts;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationView;
import io.earshot.conversation.ReplyCommand;
import io.earshot.conversation.ReplyRoute;
import io.earshot.platform.Agent;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.TimerHandler;
import io.earshot.platform.Timers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells every member of an incident one update, paced. {@link #queue} writes a row per (update, conversation) in the
 * caller's transaction (the row is the delivery's idempotency key: queuing it again changes nothing) and a
 * {@value #TIMER} timer. Each firing sends, per channel account (or, for messages posted to the API, per channel), at
 * most {@code earshot.incidents.per-account-per-minute} less what went out on it in the last minute, none on an
 * account its provider asked to wait; what is left waits for the next firing a minute later. Each message is the
 * conversation's own reply ({@link ConversationService#reply}: its channel and account, the outbox, the silence and
 * promise clocks), stored in the transaction that marks its row sent, after a locking read that finds the row still
 * queued: two instances or a fired-again timer never send one update to one customer twice. The fix resolves the
 * conversation in that same transaction. A conversation that cannot be answered is marked skipped, with the reason.
 */
@Component
public class Deliveries implements TimerHandler {

    static final String TIMER = "incident-send";
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final int BATCH = 2_000;

    private final IncidentRows rows;
    private final ConversationService service;
    private final ConversationQueries conversations;
    private final ChannelAccounts accounts;
    private final Agents agents;
    private final Timers timers;
    private final EarshotClock clock;
    private final TransactionTemplate tx;
    private final IncidentSettings settings;

    Deliveries(IncidentRows rows, ConversationService service, ConversationQueries conversations, ChannelAccounts accounts,
               Agents agents, Timers timers, EarshotClock clock, TransactionTemplate tx, IncidentSettings settings) {
        this.rows = rows;
        this.service = service;
        this.conversations = conversations;
        this.accounts = accounts;
        this.agents = agents;
        this.timers = timers;
        this.clock = clock;
        this.tx = tx;
        this.settings = settings;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    /** Queues update {@code updateId} for these conversations and sets it going, in the caller's transaction. */
    public int queue(long updateId, List<Long> conversationIds) {
        long now = clock.millis();
        List<IncidentRows.Queued> queued = conversationIds.stream().map(id -> new IncidentRows.Queued(id,
                conversations.route(id, null).map(Deliveries::paceKey).orElse(null))).toList();
        int added = rows.queue(updateId, queued, now);
        if (added > 0) {
            timers.schedule(TIMER, updateId + ":" + now, Instant.ofEpochMilli(now));
        }
        return added;
    }

    private static String paceKey(ReplyRoute r) {
        return r.accountId() != null ? "account:" + r.accountId() : "channel:" + r.channel();
    }

    @Override
    public void fire(String key) {
        long updateId = Long.parseLong(key.substring(0, key.indexOf(':')));
        IncidentRows.UpdateRow update = rows.update(updateId).orElse(null);
        if (update == null) {
            return;
        }
        long now = clock.millis();
        Map<String, Integer> budget = new HashMap<>();
        boolean left = false;
        for (IncidentRows.Queued q : rows.queued(updateId, BATCH)) {
            String pace = q.paceKey() == null ? "none" : q.paceKey();
            int room = budget.computeIfAbsent(pace, p -> room(p, now));
            if (room <= 0) {
                left = true;
                continue;
            }
            if (send(update, q.conversationId())) {
                budget.put(pace, room - 1);
            }
        }
        if (left || rows.queued(updateId, 1).size() > 0) {
            long next = now + 60_000;
            timers.schedule(TIMER, updateId + ":" + next, Instant.ofEpochMilli(next));
        }
    }

    /** How many more may go out on {@code pace} now: the cap less the last minute's, none while its provider says wait. */
    private int room(String pace, long now) {
        if (pace.startsWith("account:")) {
            Optional<ChannelAccount> account = io.earshot.platform.Ids.parse(pace.substring(8)).flatMap(accounts::byId);
            Instant until = account.map(a -> a.health().rateLimitedUntil()).orElse(null);
            if (until != null && until.toEpochMilli() > now) {
                return 0;
            }
        }
        return settings.perAccountPerMinute() - rows.sentSince(pace, now - 60_000);
    }

    /** Sends one delivery if it still waits; true when a message went out (or the row was settled otherwise). */
    private boolean send(IncidentRows.UpdateRow update, long conversationId) {
        try {
            return Boolean.TRUE.equals(tx.execute(s -> {
                if (!rows.claim(update.id(), conversationId)) {
                    return false;
                }
                Agent author = agents.byId(update.authorId()).orElseThrow(() ->
                        new EarshotException(409, "conflict", "the update's author is no longer an agent", null));
                ConversationView c = conversations.one(conversationId).orElseThrow(() ->
                        EarshotException.notFound("conversation", Long.toString(conversationId)));
                String text = Placeholders.fill(update.text(), c.customer());
                String id = Long.toString(conversationId);
                ConversationService.Reply reply = service.reply(new ReplyCommand(id, author, text, false));
                if ("fix".equals(update.kind())) {
                    service.changeStatus(id, "resolved", "the incident was fixed", author);
                }
                String channel = conversations.route(conversationId, null).map(ReplyRoute::channel).orElse(c.channel());
                rows.sent(update.id(), conversationId, channel, Long.parseLong(reply.messageId()), clock.millis());
                return true;
            }));
        } catch (EarshotException refused) {
            // the reply was refused (a feed, a text too long for the channel, a conversation gone): told no one, say why
            tx.executeWithoutResult(s -> rows.skipped(update.id(), conversationId,
                    conversations.one(conversationId).map(ConversationView::channel).orElse(null), refused.getMessage(), clock.millis()));
            log.info("incident update {} not sent to conversation {}: {}", update.id(), conversationId, refused.getMessage());
            return false;
        }
    }
}
