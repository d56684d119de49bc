package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

/**
 * Hears, inside the transaction that saves them, of conversations whose earliest deadline changed, so a
 * timer can be set for it. Follow-up provides it.
 */
public interface DueWatcher {

    /** A conversation and its earliest deadline. */
    record DueCheck(long conversationId, Instant dueAt) {
    }

    void watch(List<DueCheck> checks);
}
