package io.earshot.conversation;

import io.earshot.platform.Agent;
import java.time.Instant;
import java.util.List;

/**
 * Hears, inside the storing transaction, of every company reply: an agent's, sent through {@link ConversationService#reply},
 * and those that arrived through ingest (sent from another tool, or replayed), so the promises in all of them are
 * tracked the same way. Follow-up provides it.
 */
public interface OutboundWatcher {

    /**
     * A stored company reply. {@code agent} is the agent who sent it through Earshot, null for one that came in
     * through ingest; {@code ownerId} is who owns its promises (that agent, or the conversation's assignee);
     * {@code language} is the reply's own language (null when unknown); {@code worthReading} is whether any watcher's
     * {@link #worthReading} said so of its text.
     */
    record StoredReply(long conversationId, long messageId, String authorHandle, String text, Instant at, Long ownerId,
                       Agent agent, String language, boolean worthReading) {
    }

    /**
     * Whether a reply with this text needs reading closely in {@link #repliesStored}. Asked before the storing
     * transaction, for many texts at once in parallel, so that the one writer does not spend its time on texts
     * that hold nothing to track.
     */
    default boolean worthReading(String text) {
        return true;
    }

    /**
     * Whether this watcher reads replies differently by language, so ingest must detect each reply's language
     * (language detection is the dearest part of reading a text; with one set of rules it would choose nothing).
     */
    default boolean readsByLanguage() {
        return true;
    }

    /** Reads the replies for promises kept and made; returns the promises it now tracks, in the replies' order. */
    List<TrackedPromise> repliesStored(List<StoredReply> replies);
}
