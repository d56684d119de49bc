package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

/**
 * Hears, inside the storing transaction, of company replies that arrived through ingest (sent from another
 * tool, or replayed), so promises in them are tracked too. Follow-up provides it.
 */
public interface OutboundWatcher {

    /**
     * A stored outbound message; {@code assigneeId} is the conversation's assignee, if any; {@code worthReading} is
     * whether any watcher's {@link #worthReading} said so of its text.
     */
    record StoredReply(long conversationId, long messageId, String authorHandle, String text, Instant at, Long assigneeId,
                       boolean worthReading) {
    }

    /**
     * Whether a reply with this text needs reading closely in {@link #repliesStored}. Asked before the storing
     * transaction, for many texts at once in parallel, so that the one writer does not spend its time on texts
     * that hold nothing to track.
     */
    default boolean worthReading(String text) {
        return true;
    }

    void repliesStored(List<StoredReply> replies);
}
