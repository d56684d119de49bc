package io.earshot.conversation;

/** Customer {@code mergedId} turned out to be {@code customerId} and was merged into it; this conversation is now theirs. */
public record CustomersMerged(long conversationId, long customerId, long mergedId, long byAgentId) implements ConversationEvent {
}
