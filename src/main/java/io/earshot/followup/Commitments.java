package io.earshot.followup;

import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationView;
import io.earshot.conversation.ToneCheck;
import io.earshot.followup.internal.Calendars;
import io.earshot.followup.internal.CommitmentViews;
import io.earshot.followup.internal.Copywriter;
import io.earshot.followup.internal.FoundPromise;
import io.earshot.followup.internal.Promise;
import io.earshot.followup.internal.Promises;
import io.earshot.followup.internal.PromisesInReplies;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Role;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Promises, as the other features use them: each has a due time, a reminder to its owner before it falls due and
 * a verdict when it does. An {@code update} promise is kept by a later reply to the customer before its due time;
 * the others are marked kept by hand, by their owner or a lead. What an agent does to a promise goes on the
 * conversation's timeline under their name. Replies' promises are found by {@code internal.PromisesInReplies},
 * timers fired by {@code internal.CommitmentTimers}; what may happen to a promise is {@link Promise}'s call.
 */
@Service
public class Commitments {

    private final Promises promises;
    private final CommitmentViews views;
    private final EarshotClock clock;
    private final TransactionTemplate tx;
    private final ConversationService timeline;
    private final ConversationQueries conversations;
    private final PromisesInReplies replies;
    private final Calendars calendars;

    Commitments(Promises promises, CommitmentViews views, EarshotClock clock, TransactionTemplate tx, ConversationService timeline,
                ConversationQueries conversations, PromisesInReplies replies, Calendars calendars) {
        this.replies = replies;
        this.calendars = calendars;
        this.promises = promises;
        this.views = views;
        this.clock = clock;
        this.tx = tx;
        this.timeline = timeline;
        this.conversations = conversations;
    }

    /**
     * What the agent should know about the promises in a draft reply before it goes: a time that has already
     * passed ("today by 5pm" written at 18:10) is tracked as the next such time, and the agent is told so, with the
     * date Earshot will hold them to. Empty when the draft promises nothing doubtful.
     */
    public List<ToneCheck.Warning> checkDraft(String text, Agent author) {
        Instant now = clock.instant();
        BusinessCalendar calendar = calendars.forAgent(author == null ? null : author.id());
        List<ToneCheck.Warning> out = new ArrayList<>();
        for (FoundPromise p : replies.readDraft(text, author == null ? null : author.id(), now)) {
            if (p.doubt() != null) {
                out.add(new ToneCheck.Warning("promise_time_passed", "This reply promises " + Copywriter.kindPhrase(p.kind())
                        + " \"" + p.when() + "\", but " + p.doubt() + ". Earshot will track it as due "
                        + DUE.format(p.dueAt().atZone(calendar.zone())) + ". Change the time, or send to keep that date."));
            }
        }
        return out;
    }

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    /** How many promises are tracked, in any state. */
    public long count() {
        return views.count();
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
        if (!Promise.KINDS.contains(k)) {
            throw EarshotException.invalid("kind", "kind must be one of " + Promise.KINDS + ", not '" + kind + "'");
        }
        Instant now = clock.instant();
        if (dueAt == null) {
            throw EarshotException.invalid("dueAt", "dueAt is required");
        }
        if (!dueAt.isAfter(now)) {
            throw EarshotException.invalid("dueAt", "dueAt must be in the future (now is " + now + ")");
        }
        return tx.execute(s -> {
            Promise p = promises.add(conversationId, null, owner.id(), text.strip(), k, null, "manual", now, dueAt);
            Commitment made = views.byId(p.id()).orElseThrow();
            timeline.note(conversationId, "commitment_made", owner, owner.name() + " promised " + Copywriter.quote(made.text())
                    + ", due " + dueAt);
            return made;
        });
    }

    /**
     * Marks a promise kept, as {@code actor}: its owner, a lead or an admin (403 for anyone else, see
     * {@link #requireMayKeep}). A broken promise stays broken (409); keeping a kept one again changes nothing. The
     * promise keeps who kept it, and the conversation's timeline says so.
     */
    public Commitment markKept(String idText, Agent actor) {
        long id = Ids.require(idText, "commitment");
        return tx.execute(s -> {
            Promise p = promises.lockedById(id).orElseThrow(() -> EarshotException.notFound("commitment", idText));
            requireMayKeep(views.byId(id).orElseThrow(), actor);
            if (p.markKept(actor.id(), clock.instant())) {
                promises.save(p);
                timeline.note(p.conversationId(), "commitment_kept", actor,
                        actor.name() + " marked the promise kept: " + Copywriter.quote(p.text()));
            }
            return views.byId(id).orElseThrow();
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

    public Optional<Commitment> byId(long id) {
        return views.byId(id);
    }

    /** Promises by state, owner and conversation: see {@link CommitmentViews#list}. */
    public List<Commitment> list(String state, Long ownerId, Long conversationId, int limit) {
        return views.list(state, ownerId, conversationId, limit);
    }

    /** How many promises are open on each of these conversations. */
    public Map<Long, Integer> openCounts(List<Long> conversationIds) {
        return views.openCounts(conversationIds);
    }
}
