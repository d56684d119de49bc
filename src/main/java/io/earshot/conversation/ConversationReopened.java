package io.earshot.conversation;

/** An agent moved a pending or resolved conversation back to open. */
public record ConversationReopened(long conversationId, String from, long byAgentId) implements ConversationEvent {
}
