package io.earshot.conversation;

/** A conversation was given to an agent ({@code assigneeId}), or unassigned (null), by {@code byAgentId}. */
public record ConversationAssigned(long conversationId, Long assigneeId, long byAgentId) implements ConversationEvent {
}
