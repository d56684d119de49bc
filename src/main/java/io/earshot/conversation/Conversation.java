package io.earshot.conversation;

import io.earshot.platform.EarshotException;
import java.time.Duration;

/**
 * The case: one customer, one matter. It guards its own state: every change goes through a method
 * that refuses an illegal move. Loaded, changed and saved within one ingest or API transaction.
 */
final class Conversation {

    final long id;
    long customerId;
    final String channel;
    ConversationStatus status;
    Long assigneeId;
    String preview;
    Priority priority;
    String sentimentLabel;
    Double sentimentScore;
    String intent;
    String language;
    int inboundCount;
    final long createdAt;
    long lastActivityAt;
    Long lastInboundAt;
    Long lastOutboundAt;
    Long firstResponseAt;
    Long firstResponseSeconds;
    Long resolvedAt;
    Long resolutionSeconds;
    Long firstResponseDue;
    Long nextUpdateDue;
    Long resolutionDue;
    Long priorityRefreshAt;
    /** Spans spent waiting on the customer, {@code from-to,from-} in epoch ms; the clocks stop meanwhile. */
    String slaPauses;
    Long slaPolicyId;
    /** The earliest deadline as last saved, to tell when a new timer is needed. */
    Long savedDueAt;
    boolean isNew;
    boolean dirty;

    Conversation(long id, long customerId, String channel, ConversationStatus status, long createdAt) {
        this.id = id;
        this.customerId = customerId;
        this.channel = channel;
        this.status = status;
        this.createdAt = createdAt;
        this.lastActivityAt = createdAt;
        this.preview = "";
        this.priority = new Priority(0, "low", java.util.List.of());
    }

    static Conversation start(long id, long customerId, String channel, long at) {
        Conversation c = new Conversation(id, customerId, channel, ConversationStatus.OPEN, at);
        c.isNew = true;
        c.dirty = true;
        return c;
    }

    /** A customer's message arrived. Returns true when it reopened a resolved conversation. */
    boolean receive(long at, String text, String sentimentLabel, Double sentimentScore, String intent, String language) {
        boolean reopened = status == ConversationStatus.RESOLVED;
        if (status == ConversationStatus.PENDING) {
            resumeClocks(at);
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
    void answered(long at) {
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

    void moveTo(ConversationStatus target, long at) {
        if (!status.mayMoveTo(target)) {
            throw new EarshotException(409, "illegal_transition",
                    "a " + status.wireName() + " conversation cannot become " + target.wireName(), "status");
        }
        if (target == status) {
            return;
        }
        if (status == ConversationStatus.PENDING) {
            resumeClocks(at);
        }
        if (status == ConversationStatus.RESOLVED) {
            pauseResolvedSpan(at);
        }
        if (target == ConversationStatus.PENDING) {
            slaPauses = (slaPauses == null || slaPauses.isEmpty() ? "" : slaPauses + ",") + at + "-";
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
            slaPauses = (slaPauses == null || slaPauses.isEmpty() ? "" : slaPauses + ",") + resolvedAt + "-" + at;
            trimPauses();
        }
    }

    private void trimPauses() {
        if (slaPauses != null && slaPauses.length() > 1900) { // keep the newest spans; very old ones no longer move a deadline
            slaPauses = slaPauses.substring(slaPauses.indexOf(',', slaPauses.length() - 1900) + 1);
        }
    }

    /** Closes the pause that began when the conversation went pending. */
    private void resumeClocks(long at) {
        if (slaPauses != null && slaPauses.endsWith("-")) {
            String[] spans = slaPauses.split(",");
            String last = spans[spans.length - 1];
            long from = Long.parseLong(last.substring(0, last.length() - 1));
            spans[spans.length - 1] = from + "-" + Math.max(from, at);
            slaPauses = String.join(",", spans);
            trimPauses();
        }
    }

    void assign(Long agentId) {
        assigneeId = agentId;
        dirty = true;
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

    Long dueAt() {
        Long due = null;
        if (status == ConversationStatus.RESOLVED) {
            return null;
        }
        for (Long d : new Long[] {firstResponseAt == null ? firstResponseDue : null, nextUpdateDue, resolutionDue}) {
            if (d != null && (due == null || d < due)) {
                due = d;
            }
        }
        return due;
    }

    /** Intents from gravest to mildest: a case that began as an outage report stays one when the customer says thanks. */
    private static final java.util.List<String> GRAVITY = java.util.List.of("outage", "complaint", "request", "question", "other", "praise");

    /** The graver of two intents; an unknown or missing one counts as mildest. */
    static String graver(String current, String incoming) {
        if (current == null) {
            return incoming;
        }
        if (incoming == null) {
            return current;
        }
        int a = GRAVITY.indexOf(current);
        int b = GRAVITY.indexOf(incoming);
        return b >= 0 && (a < 0 || b < a) ? incoming : current;
    }

    private static String previewOf(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 280 ? flat : flat.substring(0, 279) + "…";
    }
}
