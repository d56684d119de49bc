package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

/**
 * Hears, inside the storing transaction, of company replies that arrived through ingest (sent from another
 * tool, or replayed), so promises in them are tracked too. Follow-up provides it.
 */
public interface OutboundWatcher {

    /** A stored outbound message; {@code assigneeId} is the conversation's assignee, if any. */
    record StoredReply(long conversationId, long messageId, String authorHandle, String text, Instant at, Long assigneeId) {
    }

    void repliesStored(List<StoredReply> replies);
}
