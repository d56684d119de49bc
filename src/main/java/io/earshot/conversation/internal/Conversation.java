package io.earshot.conversation.internal;

import io.earshot.classify.Intent;
import io.earshot.conversation.ConversationStatus;
import io.earshot.conversation.DeadlineInput;
import io.earshot.conversation.Deadlines;
import io.earshot.conversation.Priority;
import io.earshot.conversation.PriorityInput;
import io.earshot.platform.EarshotException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The case: one customer, one matter. It guards its own state: its fields are private and every change goes
 * through a method that refuses an illegal move. Loaded ({@link #restore}), changed and saved ({@link #state})
 * within one ingest or API transaction.
 * <p>
 * Status moves: open → pending, open → resolved, pending → open (also when the customer writes), pending →
 * resolved, resolved → open (a reopen, also when the customer writes); staying put is always allowed. Resolved →
 * pending is refused.
 */
public final class Conversation {

    /** What a new conversation's priority is until it is ranked. */
    static final Priority UNRANKED = new Priority(0, "low", List.of());

    /**
     * A conversation as stored: what loading gives and saving takes.
     *
     * @param dueAt the earliest deadline: as last saved when loading, as it is now when saving
     */
    public record State(long id, long customerId, String channel, ConversationStatus status, Long assigneeId, String preview,
                 Priority priority, String sentimentLabel, Double sentimentScore, Intent intent, String language,
                 int inboundCount, long createdAt, long lastActivityAt, Long lastInboundAt, Long lastOutboundAt,
                 Long firstResponseAt, Long firstResponseSeconds, Long resolvedAt, Long resolutionSeconds,
                 Long firstResponseDue, Long nextUpdateDue, Long resolutionDue, Long priorityRefreshAt,
                 SlaPauses slaPauses, Long slaPolicyId, Long dueAt) {
    }

    private final long id;
    private final long customerId;
    private final String channel;
    private final long createdAt;
    private ConversationStatus status;
    private Long assigneeId;
    private String preview;
    private Priority priority;
    private String sentimentLabel;
    private Double sentimentScore;
    private Intent intent;
    private String language;
    private int inboundCount;
    private long lastActivityAt;
    private Long lastInboundAt;
    private Long lastOutboundAt;
    private Long firstResponseAt;
    private Long firstResponseSeconds;
    private Long resolvedAt;
    private Long resolutionSeconds;
    private Long firstResponseDue;
    private Long nextUpdateDue;
    private Long resolutionDue;
    private Long priorityRefreshAt;
    private SlaPauses slaPauses;
    private Long slaPolicyId;
    /** The earliest deadline as last saved, to tell when a new timer is needed. */
    private Long savedDueAt;
    private boolean isNew;
    private boolean dirty;

    private Conversation(long id, long customerId, String channel, ConversationStatus status, long createdAt) {
        this.id = id;
        this.customerId = customerId;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = createdAt;
        this.lastActivityAt = createdAt;
        this.preview = "";
        this.priority = UNRANKED;
        this.slaPauses = SlaPauses.NONE;
    }

    /** A new conversation, open, not yet stored. */
    public static Conversation start(long id, long customerId, String channel, long at) {
        Conversation c = new Conversation(id, customerId, channel, ConversationStatus.OPEN, at);
        c.isNew = true;
        c.dirty = true;
        return c;
    }

    /** A stored conversation, as it was saved. */
    static Conversation restore(State s) {
        Conversation c = new Conversation(s.id(), s.customerId(), s.channel(), s.status(), s.createdAt());
        c.assigneeId = s.assigneeId();
        c.preview = s.preview();
        c.priority = Objects.requireNonNull(s.priority(), "priority");
        c.sentimentLabel = s.sentimentLabel();
        c.sentimentScore = s.sentimentScore();
        c.intent = s.intent();
        c.language = s.language();
        c.inboundCount = s.inboundCount();
        c.lastActivityAt = s.lastActivityAt();
        c.lastInboundAt = s.lastInboundAt();
        c.lastOutboundAt = s.lastOutboundAt();
        c.firstResponseAt = s.firstResponseAt();
        c.firstResponseSeconds = s.firstResponseSeconds();
        c.resolvedAt = s.resolvedAt();
        c.resolutionSeconds = s.resolutionSeconds();
        c.firstResponseDue = s.firstResponseDue();
        c.nextUpdateDue = s.nextUpdateDue();
        c.resolutionDue = s.resolutionDue();
        c.priorityRefreshAt = s.priorityRefreshAt();
        c.slaPauses = s.slaPauses() == null ? SlaPauses.NONE : s.slaPauses();
        c.slaPolicyId = s.slaPolicyId();
        c.savedDueAt = s.dueAt();
        return c;
    }

    /** What saving writes, with the earliest deadline as it is now. */
    State state() {
        return new State(id, customerId, channel, status, assigneeId, preview, priority, sentimentLabel, sentimentScore,
                intent, language, inboundCount, createdAt, lastActivityAt, lastInboundAt, lastOutboundAt, firstResponseAt,
                firstResponseSeconds, resolvedAt, resolutionSeconds, firstResponseDue, nextUpdateDue, resolutionDue,
                priorityRefreshAt, slaPauses, slaPolicyId, dueAt());
    }

    public long id() {
        return id;
    }

    public long customerId() {
        return customerId;
    }

    public String channel() {
        return channel;
    }

    public ConversationStatus status() {
        return status;
    }

    public Long assigneeId() {
        return assigneeId;
    }

    public long lastActivityAt() {
        return lastActivityAt;
    }

    Priority priority() {
        return priority;
    }

    SlaPauses slaPauses() {
        return slaPauses;
    }

    /** Not stored yet. */
    boolean isNew() {
        return isNew;
    }

    /** Changed since it was loaded or saved. */
    public boolean isDirty() {
        return dirty;
    }

    /** True when time alone has changed its priority by {@code now}: it is due for ranking again. */
    boolean priorityRefreshDue(long now) {
        return priorityRefreshAt != null && priorityRefreshAt <= now;
    }

    /** A customer's message arrived. Returns true when it reopened a resolved conversation. */
    public boolean receive(long at, String text, String sentimentLabel, Double sentimentScore, Intent intent, String language) {
        boolean reopened = status == ConversationStatus.RESOLVED;
        if (status == ConversationStatus.PENDING) {
            slaPauses = slaPauses.end(at);
        }
        if (reopened) {
            pauseResolvedSpan(at);
        }
        if (status != ConversationStatus.OPEN) {
            status = ConversationStatus.OPEN;
            resolvedAt = null;
            resolutionSeconds = null;
        }
        inboundCount++;
        if (lastInboundAt == null || at >= lastInboundAt) {
            lastInboundAt = at;
            preview = previewOf(text);
            this.sentimentLabel = sentimentLabel;
            this.sentimentScore = sentimentScore;
            this.language = language;
        }
        this.intent = graver(this.intent, intent);
        lastActivityAt = Math.max(lastActivityAt, at);
        dirty = true;
        return reopened;
    }

    /** We answered, through any channel. The first answer after the customer wrote is the first response. */
    public void answered(long at) {
        if (lastOutboundAt == null || at > lastOutboundAt) {
            lastOutboundAt = at;
        }
        if (firstResponseAt == null && lastInboundAt != null && at >= createdAt) {
            firstResponseAt = at;
            firstResponseSeconds = Math.max(0, (at - createdAt) / 1000);
        }
        lastActivityAt = Math.max(lastActivityAt, at);
        dirty = true;
    }

    /** True when a conversation may move from {@code from} to {@code to}: anything but resolved → pending. */
    static boolean mayMove(ConversationStatus from, ConversationStatus to) {
        return from == to || from != ConversationStatus.RESOLVED || to == ConversationStatus.OPEN;
    }

    /** An agent sets the status; staying put changes nothing. Refuses an illegal move (409 illegal_transition). */
    public void moveTo(ConversationStatus target, long at) {
        Objects.requireNonNull(target, "target");
        if (!mayMove(status, target)) {
            throw new EarshotException(409, "illegal_transition",
                    "a " + status.wireName() + " conversation cannot become " + target.wireName(), "status");
        }
        if (target == status) {
            return;
        }
        if (status == ConversationStatus.PENDING) {
            slaPauses = slaPauses.end(at);
        }
        if (status == ConversationStatus.RESOLVED) {
            pauseResolvedSpan(at);
        }
        if (target == ConversationStatus.PENDING) {
            slaPauses = slaPauses.begin(at);
        }
        status = target;
        if (target == ConversationStatus.RESOLVED) {
            resolvedAt = at;
            resolutionSeconds = Math.max(0, (at - createdAt) / 1000);
        } else {
            resolvedAt = null;
            resolutionSeconds = null;
        }
        lastActivityAt = Math.max(lastActivityAt, at);
        dirty = true;
    }

    /** The time a conversation spent resolved does not count against its clocks when it reopens. */
    private void pauseResolvedSpan(long at) {
        if (resolvedAt != null && at > resolvedAt) {
            slaPauses = slaPauses.add(resolvedAt, at);
        }
    }

    /** Assigns the conversation to an agent; null unassigns it. */
    public void assign(Long agentId) {
        assigneeId = agentId;
        dirty = true;
    }

    /** What the priority scorer reads of this conversation, with its customer's reach, at {@code now}. */
    PriorityInput priorityInput(long followers, boolean verified, long now, boolean publicChannel) {
        return new PriorityInput(sentimentLabel == null ? "neutral" : sentimentLabel, sentimentScore == null ? 0 : sentimentScore,
                intent == null ? "other" : intent.wireName(), followers, verified, waiting(now), inboundCount, publicChannel);
    }

    /** What the deadline planner reads of this conversation, were its priority {@code priorityLevel}. */
    DeadlineInput deadlineInput(String priorityLevel, long followers) {
        return new DeadlineInput(id, channel, status.wireName(), sentimentLabel, intent == null ? null : intent.wireName(),
                priorityLevel, followers, assigneeId, instant(createdAt), instant(lastInboundAt), instant(lastOutboundAt),
                instant(firstResponseAt), instant(resolvedAt), slaPauses.format(), slaPolicyId);
    }

    /**
     * Takes a new rank: its priority, when time alone will change it next ({@code refreshAt}, null for never) and
     * the deadlines planned for it.
     */
    void rank(Priority priority, Long refreshAt, Deadlines deadlines) {
        this.priority = Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(deadlines, "deadlines");
        priorityRefreshAt = refreshAt;
        firstResponseDue = millis(deadlines.firstResponseDue());
        nextUpdateDue = millis(deadlines.nextUpdateDue());
        resolutionDue = millis(deadlines.resolutionDue());
        slaPolicyId = deadlines.policyId();
        dirty = true;
    }

    /**
     * It was stored. Returns its earliest deadline when that changed since the last save (a new timer is needed),
     * else null.
     */
    Long saved() {
        Long due = dueAt();
        Long changed = due != null && !due.equals(savedDueAt) ? due : null;
        savedDueAt = due;
        isNew = false;
        dirty = false;
        return changed;
    }

    /** True when the conversation is open and the customer spoke last: the next move is ours. */
    boolean awaitingUs() {
        return status == ConversationStatus.OPEN && lastInboundAt != null
                && (lastOutboundAt == null || lastOutboundAt < lastInboundAt);
    }

    /** How long the customer has been waiting on us at {@code now}; zero when we spoke last. */
    Duration waiting(long now) {
        return awaitingUs() ? Duration.ofMillis(Math.max(0, now - lastInboundAt)) : Duration.ZERO;
    }

    /** The earliest deadline still owed; null when resolved or none is. */
    Long dueAt() {
        if (status == ConversationStatus.RESOLVED) {
            return null;
        }
        Long due = firstResponseAt == null ? firstResponseDue : null;
        if (nextUpdateDue != null && (due == null || nextUpdateDue < due)) {
            due = nextUpdateDue;
        }
        if (resolutionDue != null && (due == null || resolutionDue < due)) {
            due = resolutionDue;
        }
        return due;
    }

    /** Intents from gravest to mildest: a case that began as an outage report stays one when the customer says thanks. */
    private static final List<Intent> GRAVITY = List.of(Intent.OUTAGE, Intent.COMPLAINT, Intent.REQUEST, Intent.QUESTION,
            Intent.OTHER, Intent.PRAISE);

    /** The graver of two intents; a missing one counts as mildest. */
    static Intent graver(Intent current, Intent incoming) {
        if (current == null) {
            return incoming;
        }
        if (incoming == null) {
            return current;
        }
        return GRAVITY.indexOf(incoming) < GRAVITY.indexOf(current) ? incoming : current;
    }

    private static String previewOf(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 280 ? flat : flat.substring(0, 279) + "…";
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
