package io.earshot.conversation;

/** An agent set a conversation pending: waiting on the customer or a third party, its SLA clocks paused. */
public record ConversationPending(long conversationId, long byAgentId) implements ConversationEvent {
}
