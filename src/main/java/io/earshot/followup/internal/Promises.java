package io.earshot.followup.internal;

import io.earshot.conversation.ConversationQueries;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.IdGenerator;
import io.earshot.platform.Timers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The promises as stored ({@code commitment} rows): loaded into {@link Promise}, which decides; saved back here. */
@Repository
public class Promises {

    private final ConversationQueries conversations;
    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final Timers timers;
    private final FollowupSettings settings;

    Promises(JdbcTemplate jdbc, IdGenerator ids, EarshotClock clock, Timers timers, FollowupSettings settings,
             ConversationQueries conversations) {
        this.conversations = conversations;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.timers = timers;
        this.settings = settings;
    }

    /** Stores a new open promise and sets its two timers, the reminder and the verdict ({@link CommitmentTimers}). */
    public Promise add(long conversationId, Long messageId, Long ownerId, String text, String kind, String when, String source,
                       Instant saidAt, Instant dueAt) {
        return add(conversationId, messageId, ownerId, text, kind, when, source, saidAt, dueAt, null);
    }

    /** As {@link #add}, for a promise that recurs every {@code cadence} (null: once). */
    public Promise add(long conversationId, Long messageId, Long ownerId, String text, String kind, String when, String source,
                       Instant saidAt, Instant dueAt, Duration cadence) {
        return insert(Promise.made(ids.nextId(), conversationId, messageId, ownerId, text, kind, when, source, saidAt, dueAt,
                settings.remindAt(), cadence));
    }

    /**
     * The next of a recurring promise just settled ({@link Promise#next}), stored with its timers, unless the
     * conversation is resolved: "every 2 hours until it's fixed" ends with the case. Empty when nothing is owed.
     */
    public Optional<Promise> renew(Promise settled, Long keptIn) {
        if (settled.cadence() == null || conversations.deadlineInput(settled.conversationId())
                .map(c -> "resolved".equals(c.status())).orElse(true)) {
            return Optional.empty();
        }
        return settled.next(ids.nextId(), keptIn, settings.remindAt()).map(this::insert);
    }

    private Promise insert(Promise p) {
        jdbc.update("insert into commitment (id, conversation_id, message_id, owner_id, text, kind, when_text, source, said_at, "
                + "due_at, remind_at, cadence_seconds, state, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(),
                p.conversationId(), p.messageId(), p.ownerId(), p.text(), p.kind(), p.when(), p.source(), p.saidAt().toEpochMilli(),
                p.dueAt().toEpochMilli(), p.remindAt().toEpochMilli(), p.cadence() == null ? null : p.cadence().toSeconds(),
                p.state().wire(), clock.millis());
        timers.scheduleAll(CommitmentTimers.TIMER, CommitmentTimers.timersOf(p));
        return p;
    }

    /** A promise, locked until the transaction ends. */
    public Optional<Promise> lockedById(long id) {
        return jdbc.query("select * from commitment where id = ? for update", (rs, n) -> row(rs), id).stream().findFirst();
    }

    /** The open promises on these conversations. */
    public List<Promise> openOn(Collection<Long> conversationIds) {
        return jdbc.query("select c.* from unnest(cast(? as bigint array)) as k(id) join commitment c on c.conversation_id = k.id "
                + "where c.state = 'open' order by c.id", (rs, n) -> row(rs), (Object) conversationIds.toArray(Long[]::new));
    }

    /**
     * The company replies sent on a promise's conversation within its window (made to due), earliest first: what
     * may have kept it; {@link Promise#keptBy} says which does.
     */
    public List<Promise.Reply> repliesWithin(Promise p) {
        return conversations.sentBetween(p.conversationId(), p.saidAt(), p.dueAt()).stream()
                .map(m -> new Promise.Reply(p.conversationId(), m.messageId(), m.authorHandle(), m.at())).toList();
    }

    /**
     * Saves the verdict on a promise that was open when loaded. False, and nothing written, when it was settled
     * meanwhile: a promise is settled once.
     */
    public boolean save(Promise p) {
        return jdbc.update("update commitment set state = ?, kept_at = ?, kept_by = ?, broken_at = ? where id = ? and state = 'open'",
                p.state().wire(), millis(p.keptAt()), p.keptBy(), millis(p.brokenAt()), p.id()) == 1;
    }

    /** A promise from a row of {@code commitment} columns. */
    static Promise row(ResultSet rs) throws SQLException {
        return new Promise(rs.getLong("id"), rs.getLong("conversation_id"), number(rs, "message_id"), number(rs, "owner_id"),
                rs.getString("text"), rs.getString("kind"), rs.getString("when_text"), rs.getString("source"),
                Instant.ofEpochMilli(rs.getLong("said_at")), Instant.ofEpochMilli(rs.getLong("due_at")), at(rs, "remind_at"),
                seconds(rs, "cadence_seconds"), Promise.State.ofWire(rs.getString("state")), at(rs, "kept_at"), number(rs, "kept_by"), at(rs, "broken_at"));
    }

    private static Long number(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Duration seconds(ResultSet rs, String column) throws SQLException {
        Long v = number(rs, column);
        return v == null ? null : Duration.ofSeconds(v);
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        Long v = number(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }
}
