package io.earshot.followup;

import io.earshot.conversation.ConversationResolved;
import io.earshot.platform.AfterCommit;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.DeadlineInput;
import io.earshot.followup.internal.FollowupSettings;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.conversation.OutboundHold;
import io.earshot.platform.RepeatingTimerHandler;
import io.earshot.platform.Timers;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customer satisfaction. When a conversation is resolved, a survey is set to go out a little later (so a quick
 * reopen sends none) through the conversation's channel: a link to a small Earshot page where the customer
 * gives a score from 1 to 5 and a comment, which attach to the conversation. While automatic messages are held (a
 * crisis is on, {@link OutboundHold}) a survey that falls due waits: its timer looks again every {@link #HELD_RECHECK},
 * so it goes out within that of the crisis's end (deferred, not skipped).
 */
@Component
public class Surveys implements RepeatingTimerHandler {

    static final String TIMER = "csat-survey";
    /** How often a held survey looks whether it may go. */
    static final Duration HELD_RECHECK = Duration.ofMinutes(1);
    /** Who notices and survey messages are from. */
    public static final String AUTHOR = "earshot";

    /** A survey as the customer's page shows it. */
    public record Survey(String token, long conversationId, Integer rating, String comment, Instant answeredAt) {
    }

    private final JdbcTemplate jdbc;
    private final Timers timers;
    private final EarshotClock clock;
    private final FollowupSettings settings;
    private final ConversationQueries conversations;
    private final ConversationService service;
    private final TransactionTemplate tx;
    private final ObjectProvider<OutboundHold> holds;
    private final SecureRandom random = new SecureRandom();

    Surveys(JdbcTemplate jdbc, Timers timers, EarshotClock clock, FollowupSettings settings, ConversationQueries conversations,
            ConversationService service, TransactionTemplate tx, ObjectProvider<OutboundHold> holds) {
        this.holds = holds;
        this.jdbc = jdbc;
        this.timers = timers;
        this.clock = clock;
        this.settings = settings;
        this.conversations = conversations;
        this.service = service;
        this.tx = tx;
    }

    /** A resolved conversation gets a survey, once per resolution, if it is still resolved when this runs. */
    @AfterCommit
    void on(ConversationResolved resolved) {
        DeadlineInput c = conversations.deadlineInput(resolved.conversationId()).orElse(null);
        if (c == null || !"resolved".equals(c.status()) || c.resolvedAt() == null) {
            return;
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        int inserted = jdbc.update("insert into csat (token, conversation_id, resolved_at, agent_id) values (?, ?, ?, ?) on conflict do nothing",
                token, c.conversationId(), c.resolvedAt().toEpochMilli(), c.assigneeId());
        if (inserted > 0) { // the key names the resolution, not the token, so logs never show a survey link
            timers.schedule(TIMER, c.conversationId() + "@" + c.resolvedAt().toEpochMilli(), clock.instant().plus(settings.csatDelay()));
        }
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @Override
    public void fire(String key) {
        if (held()) {
            return; // again() looks later
        }
        long conversationKey = Long.parseLong(key.substring(0, key.indexOf('@')));
        long resolvedKey = Long.parseLong(key.substring(key.indexOf('@') + 1));
        tx.executeWithoutResult(s -> {
            List<String> tokens = jdbc.queryForList("select token from csat where conversation_id = ? and resolved_at = ? and sent_at is null",
                    String.class, conversationKey, resolvedKey);
            if (tokens.isEmpty()) {
                return;
            }
            String token = tokens.get(0);
            List<long[]> rows = jdbc.query("select conversation_id, resolved_at from csat where token = ?",
                    (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, token);
            long conversationId = rows.get(0)[0];
            DeadlineInput c = conversations.deadlineInput(conversationId).orElse(null);
            if (c == null || !"resolved".equals(c.status()) || c.resolvedAt() == null
                    || c.resolvedAt().toEpochMilli() != rows.get(0)[1]) {
                jdbc.update("delete from csat where token = ?", token); // reopened meanwhile: no survey for this resolution
                return;
            }
            service.sendNotice(conversationId, AUTHOR, "Thanks for talking to us. How did we do? Tell us in one click, from 1 to 5: "
                    + settings.publicUrl() + "/csat/" + token, "csat_sent", true); // privately: a public link could be rated by anyone
            jdbc.update("update csat set sent_at = ? where token = ?", clock.millis(), token);
        });
    }

    /** A survey held back (still unsent, its conversation still resolved that time) is looked at again soon; else done. */
    @Override
    public Instant again(String key) {
        long conversationKey = Long.parseLong(key.substring(0, key.indexOf('@')));
        long resolvedKey = Long.parseLong(key.substring(key.indexOf('@') + 1));
        Integer waiting = jdbc.queryForObject("select count(*) from csat where conversation_id = ? and resolved_at = ? "
                + "and sent_at is null", Integer.class, conversationKey, resolvedKey);
        // only a survey held back by a crisis waits: one that could not be sent for another reason is not retried
        // every minute (a clock moved on by days would fire it thousands of times)
        return waiting != null && waiting > 0 && held() ? clock.instant().plus(HELD_RECHECK) : null;
    }

    private boolean held() {
        return holds.orderedStream().anyMatch(h -> h.held().isPresent());
    }

    /** The survey behind a link, if the link is real. */
    public Optional<Survey> find(String token) {
        if (token == null || !token.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return jdbc.query("select token, conversation_id, rating, comment, answered_at from csat where token = ?",
                (rs, n) -> new Survey(rs.getString(1), rs.getLong(2), (Integer) rs.getObject(3, Integer.class), rs.getString(4),
                        rs.getObject(5, Long.class) == null ? null : Instant.ofEpochMilli(rs.getLong(5))), token).stream().findFirst();
    }

    /** Stores the customer's answer; the first answer stands (a second one changes nothing). */
    public Survey answer(String token, int rating, String comment) {
        Survey survey = find(token).orElseThrow(() -> EarshotException.notFound("survey", token));
        if (rating < 1 || rating > 5) {
            throw EarshotException.invalid("rating", "rating must be a whole number from 1 to 5");
        }
        String text = comment == null ? null : comment.strip();
        if (text != null && text.length() > 2000) {
            throw EarshotException.invalid("comment", "comment takes at most 2000 characters");
        }
        if (survey.answeredAt() != null) {
            return survey;
        }
        tx.executeWithoutResult(s -> {
            int updated = jdbc.update("update csat set rating = ?, comment = ?, answered_at = ? where token = ? and answered_at is null",
                    rating, text == null || text.isEmpty() ? null : text, clock.millis(), token);
            if (updated == 0) {
                return; // answered meanwhile
            }
            service.note(survey.conversationId(), "csat_answered", "customer", "rated " + rating + "/5"
                    + (text == null || text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)));
        });
        return find(token).orElseThrow();
    }

    /** The answered surveys of a conversation, newest first. */
    public List<Survey> ofConversation(long conversationId) {
        return jdbc.query("select token, conversation_id, rating, comment, answered_at from csat where conversation_id = ? "
                + "and answered_at is not null order by answered_at desc", (rs, n) -> new Survey(null, rs.getLong(2),
                rs.getInt(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))), conversationId);
    }
}
