package io.earshot.followup;

import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationView;
import io.earshot.followup.internal.Calendars;
import io.earshot.followup.internal.EnglishPromiseFinder;
import io.earshot.followup.internal.FollowupSettings;
import io.earshot.followup.internal.FoundPromise;
import io.earshot.followup.internal.PromiseFinder;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import io.earshot.platform.Ids;
import io.earshot.platform.Role;
import io.earshot.platform.TimerHandler;
import io.earshot.platform.Timers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Promises: found in agents' replies or typed by hand, each with a due time, a reminder to its owner before it
 * falls due and a verdict when it does. An {@code update} promise is kept by any reply to the customer before
 * its due time; the others are marked kept by hand, by their owner or a lead. Timers fire the reminder and the
 * verdict once each. What an agent does to a promise goes on the conversation's timeline under their name.
 */
@Service
public class Commitments implements TimerHandler, io.earshot.conversation.OutboundWatcher {

    static final String TIMER = "commitment-check";
    private static final List<String> KINDS = List.of("update", "callback", "refund", "fix", "ship", "other");
    private static final String SELECT = "select k.*, g.name as owner_name, b.name as kept_by_name from commitment k "
            + "left join agent g on g.id = k.owner_id left join agent b on b.id = k.kept_by";

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final Timers timers;
    private final Calendars calendars;
    private final FollowupSettings settings;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final Map<String, PromiseFinder> finders;
    private final PromiseFinder english;
    private final ConversationService timeline;
    private final ConversationQueries conversations;

    Commitments(JdbcTemplate jdbc, IdGenerator ids, EarshotClock clock, Timers timers, Calendars calendars,
                FollowupSettings settings, ApplicationEventPublisher publisher, TransactionTemplate tx,
                ConversationService timeline, ConversationQueries conversations) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.timers = timers;
        this.calendars = calendars;
        this.settings = settings;
        this.publisher = publisher;
        this.tx = tx;
        this.timeline = timeline;
        this.conversations = conversations;
        this.english = new EnglishPromiseFinder();
        this.finders = java.util.stream.Stream.of(english).collect(Collectors.toMap(PromiseFinder::language, Function.identity()));
    }

    /**
     * An agent replied: open {@code update} promises made earlier on the conversation are kept (by this agent, on the
     * timeline), and the promises in the reply are stored, due by the agent's team calendar. Call inside the reply's
     * transaction.
     */
    public List<Commitment> replied(long conversationId, long messageId, Agent agent, String text, String language) {
        Instant now = clock.instant();
        // before this reply's own promises are stored, so they are not among them
        List<String> kept = jdbc.query("update commitment set state = 'kept', kept_at = ?, kept_by = ? where conversation_id = ? "
                + "and state = 'open' and kind = 'update' and said_at <= ? and due_at >= ? returning text", (rs, n) -> rs.getString(1),
                now.toEpochMilli(), agent.id(), conversationId, now.toEpochMilli(), now.toEpochMilli());
        for (String promise : kept) {
            timeline.note(conversationId, "commitment_kept", agent, agent.name() + "'s reply kept the promise " + quote(promise));
        }
        PromiseFinder finder = finders.getOrDefault(language == null ? "en" : language, english);
        List<FoundPromise> found = finder.find(text, now, calendars.forAgent(agent.id()), settings.soon());
        List<Commitment> made = new ArrayList<>();
        for (FoundPromise p : found) {
            made.add(store(conversationId, messageId, agent.id(), p.sentence(), p.kind(), p.when(), "reply", now, p.dueAt()));
        }
        return made;
    }

    /** A reply is read for promises in the transaction only if the finder sees a promise in it at all. */
    @Override
    public boolean worthReading(String text) {
        return english.mayPromise(text);
    }

    /**
     * Company replies that came in through ingest (another tool, or a replay): earlier open {@code update} promises
     * of their conversations are kept, and the promises in them are tracked, owned by the conversation's assignee.
     */
    @Override
    public void repliesStored(List<StoredReply> replies) {
        Object ids = replies.stream().map(StoredReply::conversationId).distinct().toArray(Long[]::new);
        List<long[]> open = jdbc.query("select c.id, c.conversation_id, c.said_at, c.due_at from unnest(cast(? as bigint array)) as k(id) "
                + "join commitment c on c.conversation_id = k.id where c.state = 'open' and c.kind = 'update'",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, ids);
        for (long[] promise : open) {
            replies.stream().filter(r -> r.conversationId() == promise[1] && r.at().toEpochMilli() > promise[2]
                            && r.at().toEpochMilli() <= promise[3]).map(r -> r.at().toEpochMilli()).min(Long::compare)
                    .ifPresent(at -> jdbc.update("update commitment set state = 'kept', kept_at = ? where id = ? and state = 'open'", at, promise[0]));
        }
        for (StoredReply r : replies) {
            if (!r.worthReading() || r.text() == null || r.text().isBlank() || Surveys.AUTHOR.equals(r.authorHandle())) {
                continue;
            }
            for (FoundPromise p : english.find(r.text(), r.at(), calendars.forAgent(r.assigneeId()), settings.soon())) {
                if (!settings.fresh(p.dueAt(), clock.instant())) {
                    continue; // a promise from history imported long after it fell due: nothing left to follow
                }
                insert(r.conversationId(), r.messageId(), r.assigneeId(), p.sentence(), p.kind(), p.when(), "ingest", r.at(), p.dueAt());
            }
        }
    }

    /** A promise typed by hand. */
    public Commitment promise(long conversationId, Agent owner, String text, Instant dueAt, String kind) {
        if (text == null || text.isBlank()) {
            throw EarshotException.invalid("text", "text is required");
        }
        if (text.length() > 1000) {
            throw EarshotException.invalid("text", "text takes at most 1000 characters");
        }
        String k = kind == null || kind.isBlank() ? "other" : kind;
        if (!KINDS.contains(k)) {
            throw EarshotException.invalid("kind", "kind must be one of " + KINDS + ", not '" + kind + "'");
        }
        Instant now = clock.instant();
        if (dueAt == null) {
            throw EarshotException.invalid("dueAt", "dueAt is required");
        }
        if (!dueAt.isAfter(now)) {
            throw EarshotException.invalid("dueAt", "dueAt must be in the future (now is " + now + ")");
        }
        return tx.execute(s -> {
            Commitment made = store(conversationId, null, owner.id(), text.strip(), k, null, "manual", now, dueAt);
            timeline.note(conversationId, "commitment_made", owner, owner.name() + " promised " + quote(made.text()) + ", due " + dueAt);
            return made;
        });
    }

    private Commitment store(long conversationId, Long messageId, Long ownerId, String text, String kind, String when,
                             String source, Instant saidAt, Instant dueAt) {
        return byId(insert(conversationId, messageId, ownerId, text, kind, when, source, saidAt, dueAt)).orElseThrow();
    }

    /** Stores a promise and its two timers; returns its id (the ingest path reads nothing back). */
    private long insert(long conversationId, Long messageId, Long ownerId, String text, String kind, String when,
                        String source, Instant saidAt, Instant dueAt) {
        long id = ids.nextId();
        long window = Math.max(0, dueAt.toEpochMilli() - saidAt.toEpochMilli());
        long remindAt = saidAt.toEpochMilli() + Math.round(window * settings.remindAt());
        String sentence = text.length() > 1000 ? text.substring(0, 999) + "…" : text;
        jdbc.update("insert into commitment (id, conversation_id, message_id, owner_id, text, kind, when_text, source, said_at, "
                + "due_at, remind_at, state, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)", id, conversationId,
                messageId, ownerId, sentence, kind, when == null ? null : when.substring(0, Math.min(100, when.length())), source,
                saidAt.toEpochMilli(), dueAt.toEpochMilli(), remindAt, clock.millis());
        timers.scheduleAll(TIMER, List.of(new Timers.Timer(id + "@remind", Instant.ofEpochMilli(remindAt)),
                new Timers.Timer(id + "@due", dueAt)));
        return id;
    }

    /**
     * Marks a promise kept, as {@code actor}: its owner, a lead or an admin (403 for anyone else, see
     * {@link #requireMayKeep}). A broken promise stays broken (409); keeping a kept one again changes nothing. The
     * promise keeps who kept it, and the conversation's timeline says so.
     */
    public Commitment markKept(String idText, Agent actor) {
        long id = Ids.require(idText, "commitment");
        return tx.execute(s -> {
            Commitment c = jdbc.query(SELECT + " where k.id = ? for update of k", (rs, n) -> map(rs), id).stream().findFirst()
                    .orElseThrow(() -> EarshotException.notFound("commitment", idText));
            requireMayKeep(c, actor);
            if ("broken".equals(c.state())) {
                throw new EarshotException(409, "illegal_transition", "this promise was already broken at " + c.brokenAt()
                        + "; it cannot be kept now", "state");
            }
            if ("open".equals(c.state())) {
                jdbc.update("update commitment set state = 'kept', kept_at = ?, kept_by = ? where id = ?", clock.millis(), actor.id(), id);
                timeline.note(Long.parseLong(c.conversationId()), "commitment_kept", actor,
                        actor.name() + " marked the promise kept: " + quote(c.text()));
            }
            return byId(id).orElseThrow();
        });
    }

    /**
     * Who may mark a promise kept: its owner, a lead or an admin. A promise nobody owns (found in a reply that came
     * in through ingest while its conversation had no assignee) is taken to be the assignee's of the conversation
     * now; on a conversation nobody is assigned either, any agent may mark it kept. Replies are not restricted: any
     * agent may answer a customer, and a reply keeps the open update promises before it, as it always did.
     */
    private void requireMayKeep(Commitment c, Agent actor) {
        if (actor.holds(Role.LEAD)) {
            return;
        }
        String ownerId = c.owner();
        String ownerName = c.ownerName();
        String whose;
        if (ownerId == null) {
            ConversationView.AgentRef assignee = conversations.one(Long.parseLong(c.conversationId()))
                    .map(ConversationView::assignee).orElse(null);
            if (assignee == null) {
                return;
            }
            ownerId = assignee.id();
            ownerName = assignee.name();
            whose = "this promise has no owner and its conversation is assigned to " + named(ownerName, ownerId);
        } else {
            whose = "this promise belongs to " + named(ownerName, ownerId);
        }
        if (ownerId.equals(Long.toString(actor.id()))) {
            return;
        }
        throw new EarshotException(403, "forbidden", whose + ": only " + (ownerName == null ? "that agent" : ownerName)
                + ", a lead or an admin may mark it kept", null);
    }

    private static String named(String name, String id) {
        return name == null ? "agent " + id : name + " (agent " + id + ")";
    }

    /** A promise's words for the timeline, in quotes, cut at 200 characters. */
    private static String quote(String text) {
        return "“" + (text.length() <= 200 ? text : text.substring(0, 199) + "…") + "”";
    }

    public Optional<Commitment> byId(long id) {
        return jdbc.query(SELECT + " where k.id = ?", (rs, n) -> map(rs), id).stream().findFirst();
    }

    /**
     * Promises by state: {@code open}, {@code due} (open and past the reminder point), {@code overdue} (due time
     * passed without being kept: broken, or open and about to be), {@code kept}, {@code broken}; or all.
     */
    public List<Commitment> list(String state, Long ownerId, Long conversationId, int limit) {
        long now = clock.millis();
        StringBuilder sql = new StringBuilder(SELECT + " where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            switch (state) {
                case "open", "kept", "broken" -> {
                    sql.append(" and k.state = ?");
                    args.add(state);
                }
                case "due" -> {
                    sql.append(" and k.state = 'open' and k.remind_at <= ?");
                    args.add(now);
                }
                case "overdue" -> {
                    sql.append(" and (k.state = 'broken' or (k.state = 'open' and k.due_at < ?))");
                    args.add(now);
                }
                default -> throw EarshotException.invalid("state", "state must be open, due, overdue, kept or broken, not '" + state + "'");
            }
        }
        if (ownerId != null) {
            sql.append(" and k.owner_id = ?");
            args.add(ownerId);
        }
        if (conversationId != null) {
            sql.append(" and k.conversation_id = ?");
            args.add(conversationId);
        }
        sql.append(" order by k.due_at, k.id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> map(rs), args.toArray());
    }

    /** How many promises are open on each of these conversations. */
    public Map<Long, Integer> openCounts(List<Long> conversationIds) {
        Map<Long, Integer> counts = new java.util.HashMap<>();
        if (conversationIds.isEmpty()) {
            return counts;
        }
        jdbc.query("select conversation_id, count(*) from commitment where state = 'open' and conversation_id in ("
                + String.join(",", conversationIds.stream().map(String::valueOf).toList()) + ") group by conversation_id",
                rs -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        return counts;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @Override
    public void fire(String key) {
        int at = key.indexOf('@');
        long id = Long.parseLong(key.substring(0, at));
        boolean due = key.contains("@due");
        tx.executeWithoutResult(s -> {
            Commitment c = jdbc.query(SELECT + " where k.id = ? for update of k", (rs, n) -> map(rs), id).stream().findFirst().orElse(null);
            if (c == null || !"open".equals(c.state())) {
                return;
            }
            Instant now = clock.instant();
            if (!due) {
                if (now.isBefore(c.dueAt())) {
                    publisher.publishEvent(new CommitmentFallingDue(id, Long.parseLong(c.conversationId()), owner(c), c.text(),
                            c.dueAt(), c.draftUpdate()));
                }
                return;
            }
            if (now.isBefore(c.dueAt())) {
                timers.schedule(TIMER, id + "@due@" + c.dueAt().toEpochMilli(), c.dueAt()); // due time moved later: wait for it
                return;
            }
            Long keptAt = "update".equals(c.kind()) ? jdbc.queryForObject("select min(created_at) from message where conversation_id = ? "
                    + "and inbound = false and author_handle <> ? and created_at >= ? and created_at <= ?"
                    + (c.messageId() == null ? "" : " and id <> " + Long.parseLong(c.messageId())), Long.class,
                    Long.parseLong(c.conversationId()), Surveys.AUTHOR, c.saidAt().toEpochMilli(), c.dueAt().toEpochMilli()) : null;
            if (keptAt != null) {
                jdbc.update("update commitment set state = 'kept', kept_at = ? where id = ?", keptAt, id);
                return;
            }
            jdbc.update("update commitment set state = 'broken', broken_at = ? where id = ?", c.dueAt().toEpochMilli(), id);
            if (!settings.fresh(c.dueAt(), now)) {
                return; // judged long after it fell due (history imported late): recorded, not alerted
            }
            publisher.publishEvent(new CommitmentBroken(id, Long.parseLong(c.conversationId()), owner(c), c.text(), c.dueAt(),
                    draft(c, now)));
        });
    }

    private static Long owner(Commitment c) {
        return c.owner() == null ? null : Long.parseLong(c.owner());
    }

    /**
     * A status update for the customer: we have not forgotten, what we said, and when they will hear next (as long
     * again as the promise's own window, at least an hour, at most two business days).
     */
    String draft(Commitment c, Instant now) {
        BusinessCalendar calendar = calendars.forAgent(owner(c));
        Duration window = Duration.between(c.saidAt(), c.dueAt());
        Duration again = window.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : window;
        String next;
        if (again.compareTo(Duration.ofHours(24)) < 0) {
            long hours = Math.max(1, Math.round(again.toMinutes() / 60.0));
            next = "within " + (hours == 1 ? "the hour" : hours + " hours");
        } else {
            Instant by = calendar.closeOf(calendar.plusBusinessDays(calendar.dateOf(now),
                    (int) Math.min(2, Math.max(1, again.toDays()))));
            next = "by " + DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH).format(by.atZone(calendar.zone()));
        }
        String late = now.isAfter(c.dueAt()) ? "It is taking longer than we said, and we are sorry for the wait. "
                : "We are still working on it. ";
        return "We haven't forgotten you: " + lowerFirst(paraphrase(c)) + " " + late + "We will update you again " + next + ".";
    }

    private static String paraphrase(Commitment c) {
        return switch (c.kind()) {
            case "refund" -> "Your refund is still on our list.";
            case "callback" -> "We still owe you a call.";
            case "fix" -> "We are still working on the fix.";
            case "ship" -> "We are still on getting this sent to you.";
            case "update" -> "We promised to get back to you.";
            default -> "We still owe you what we promised.";
        };
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private Commitment map(ResultSet rs) throws SQLException {
        String state = rs.getString("state");
        Commitment c = new Commitment(rs.getString("id"), rs.getString("conversation_id"), rs.getString("owner_id"),
                rs.getString("owner_name"), rs.getString("text"), rs.getString("kind"), rs.getString("when_text"),
                rs.getString("source"), rs.getString("message_id"), Instant.ofEpochMilli(rs.getLong("said_at")),
                Instant.ofEpochMilli(rs.getLong("due_at")), state, at(rs, "kept_at"), rs.getString("kept_by"),
                rs.getString("kept_by_name"), at(rs, "broken_at"), null);
        if ("kept".equals(state)) {
            return c;
        }
        return new Commitment(c.id(), c.conversationId(), c.owner(), c.ownerName(), c.text(), c.kind(), c.when(), c.source(),
                c.messageId(), c.saidAt(), c.dueAt(), c.state(), c.keptAt(), c.keptBy(), c.keptByName(), c.brokenAt(),
                draft(c, clock.instant()));
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Duration window(Commitment c) {
        return Duration.between(c.saidAt(), c.dueAt());
    }
}
