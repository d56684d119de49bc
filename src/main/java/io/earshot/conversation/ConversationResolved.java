package io.earshot.conversation;

import java.time.Instant;

/** An agent resolved a conversation at {@code at}; {@code assigneeId} is who had it. */
public record ConversationResolved(long conversationId, Long assigneeId, long byAgentId, Instant at) implements ConversationEvent {
}
