package io.earshot.followup.internal;

import io.earshot.followup.Surveys;
import io.earshot.platform.EarshotException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A promise made to a customer: the aggregate behind the {@link io.earshot.followup.Commitment} view. It is made
 * {@link State#OPEN} and settles once, {@link State#KEPT} or {@link State#BROKEN}; each move is a method that
 * refuses (409 {@code illegal_transition}) what its state does not allow. {@link Promises} loads and saves it.
 */
public final class Promise {

    /** Where a promise stands; {@link #wire()} is the word stored and shown. */
    public enum State {
        OPEN, KEPT, BROKEN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State ofWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** A company reply on a conversation, as {@link #keptBy} reads it. */
    public record Reply(long conversationId, long messageId, String authorHandle, Instant at) {
    }

    /** The kinds of promise. */
    public static final List<String> KINDS = List.of(FoundPromise.UPDATE, FoundPromise.CALLBACK, FoundPromise.REFUND,
            FoundPromise.FIX, FoundPromise.SHIP, FoundPromise.OTHER);

    private final long id;
    private final long conversationId;
    private final Long messageId;
    private final Long ownerId;
    private final String text;
    private final String kind;
    private final String when;
    private final String source;
    private final Instant saidAt;
    private final Instant dueAt;
    private final Instant remindAt;
    private final Duration cadence;
    private State state;
    private Instant keptAt;
    private Long keptBy;
    private Instant brokenAt;

    Promise(long id, long conversationId, Long messageId, Long ownerId, String text, String kind, String when, String source,
            Instant saidAt, Instant dueAt, Instant remindAt, Duration cadence, State state, Instant keptAt, Long keptBy,
            Instant brokenAt) {
        this.id = id;
        this.cadence = cadence;
        this.conversationId = conversationId;
        this.messageId = messageId;
        this.ownerId = ownerId;
        this.text = text;
        this.kind = kind;
        this.when = when;
        this.source = source;
        this.saidAt = saidAt;
        this.dueAt = dueAt;
        this.remindAt = remindAt;
        this.state = state;
        this.keptAt = keptAt;
        this.keptBy = keptBy;
        this.brokenAt = brokenAt;
    }

    /**
     * A promise just made, open; its owner is reminded {@code remindAt} of the way through its window (0.8 = at
     * 80%). The text is cut at 1000 characters and the time phrase at 100, as stored.
     */
    public static Promise made(long id, long conversationId, Long messageId, Long ownerId, String text, String kind, String when,
                               String source, Instant saidAt, Instant dueAt, double remindAt) {
        return made(id, conversationId, messageId, ownerId, text, kind, when, source, saidAt, dueAt, remindAt, null);
    }

    /** A promise just made, recurring every {@code cadence} (null: once); see {@link #next}. */
    public static Promise made(long id, long conversationId, Long messageId, Long ownerId, String text, String kind, String when,
                               String source, Instant saidAt, Instant dueAt, double remindAt, Duration cadence) {
        long window = Math.max(0, dueAt.toEpochMilli() - saidAt.toEpochMilli());
        Instant remind = Instant.ofEpochMilli(saidAt.toEpochMilli() + Math.round(window * remindAt));
        String sentence = text.length() > 1000 ? text.substring(0, 999) + "…" : text;
        String phrase = when == null ? null : when.substring(0, Math.min(100, when.length()));
        return new Promise(id, conversationId, messageId, ownerId, sentence, kind, phrase, source, saidAt, dueAt, remind,
                cadence, State.OPEN, null, null, null);
    }

    /**
     * What a settled recurring promise owes next: the same promise again, due one {@code cadence} after it was kept
     * (by a reply, {@code keptIn}, which cannot keep the next one too) or after it was broken. Empty for a one-off
     * promise or one still open. Whether the case still wants it (not resolved) is the caller's to say.
     */
    public Optional<Promise> next(long newId, Long keptIn, double remindAt) {
        if (cadence == null || state == State.OPEN) {
            return Optional.empty();
        }
        Instant from = state == State.KEPT ? keptAt : dueAt;
        return Optional.of(made(newId, conversationId, state == State.KEPT ? keptIn : null, ownerId, text, kind, when, "cadence",
                from, from.plus(cadence), remindAt, cadence));
    }

    /** Whether replies keep a promise of this kind at all: only {@code update} promises; the others are kept by hand. */
    public boolean keptByReplies() {
        return FoundPromise.UPDATE.equals(kind);
    }

    /**
     * The kept-promise rule, the one place it is written: an open {@code update} promise is kept by a company reply
     * on its conversation, other than the message it was made in and other than Earshot's own notices, sent from
     * the moment the promise was made up to and including its due time.
     */
    public boolean keptBy(Reply reply) {
        return state == State.OPEN && keptByReplies() && reply.conversationId() == conversationId
                && (messageId == null || reply.messageId() != messageId) && !Surveys.AUTHOR.equals(reply.authorHandle())
                && !reply.at().isBefore(saidAt) && !reply.at().isAfter(dueAt);
    }

    /** Of these replies, the earliest that keeps this promise ({@link #keptBy}). */
    public Optional<Reply> firstKeeping(List<Reply> replies) {
        return replies.stream().filter(this::keptBy).min(Comparator.comparing(Reply::at));
    }

    /**
     * Kept by a reply, at the reply's time, credited to {@code agentId} (null when the reply was not sent through
     * Earshot). Refused unless {@link #keptBy} says the reply keeps it.
     */
    public void keepBy(Reply reply, Long agentId) {
        if (!keptBy(reply)) {
            throw refused("this reply does not keep this " + state.wire() + " " + kind + " promise");
        }
        state = State.KEPT;
        keptAt = reply.at();
        keptBy = agentId;
    }

    /**
     * Marked kept by hand, by {@code agentId} at {@code at}. A broken promise stays broken (refused); a kept one
     * stays as it was kept. True when this changed the promise.
     */
    public boolean markKept(long agentId, Instant at) {
        if (state == State.BROKEN) {
            throw refused("this promise was already broken at " + brokenAt + "; it cannot be kept now");
        }
        if (state == State.KEPT) {
            return false;
        }
        state = State.KEPT;
        keptAt = at;
        keptBy = agentId;
        return true;
    }

    /** Broken, as of its due time: refused unless it is open and {@code now} is past due. */
    public void markBroken(Instant now) {
        if (state != State.OPEN) {
            throw refused("this promise was already " + state.wire() + "; it cannot be broken now");
        }
        if (!pastDue(now)) {
            throw refused("this promise is not due until " + dueAt + "; it cannot be broken at " + now);
        }
        state = State.BROKEN;
        brokenAt = dueAt;
    }

    /**
     * The verdict at its due time: kept by the earliest of these replies that keeps it, broken when none does.
     * Refused unless it is open and past due.
     */
    public void judge(Instant now, List<Reply> replies) {
        if (state == State.OPEN && !pastDue(now)) {
            throw refused("this promise is not due until " + dueAt + "; it cannot be judged at " + now);
        }
        firstKeeping(replies).ifPresentOrElse(reply -> keepBy(reply, null), () -> markBroken(now));
    }

    /** Whether its owner is to be reminded now: it is open and not yet due. */
    public boolean remindable(Instant now) {
        return state == State.OPEN && !pastDue(now);
    }

    /** Whether its due time has come. */
    public boolean pastDue(Instant now) {
        return !now.isBefore(dueAt);
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    private static EarshotException refused(String message) {
        return new EarshotException(409, "illegal_transition", message, "state");
    }

    /** How often the promise recurs, or null for a one-off. */
    public Duration cadence() {
        return cadence;
    }

    public long id() {
        return id;
    }

    public long conversationId() {
        return conversationId;
    }

    public Long messageId() {
        return messageId;
    }

    public Long ownerId() {
        return ownerId;
    }

    public String text() {
        return text;
    }

    public String kind() {
        return kind;
    }

    public String when() {
        return when;
    }

    public String source() {
        return source;
    }

    public Instant saidAt() {
        return saidAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant remindAt() {
        return remindAt;
    }

    public State state() {
        return state;
    }

    public Instant keptAt() {
        return keptAt;
    }

    public Long keptBy() {
        return keptBy;
    }

    public Instant brokenAt() {
        return brokenAt;
    }
}
