package io.earshot.conversation;

import java.util.List;

/** Published after a batch of messages is committed: the conversations that changed, for live views and timers. */
public record MessagesArrived(List<Long> conversationIds, int created, int duplicates) {
}
