package io.earshot.conversation;

import java.time.Instant;

/** An agent replied to a conversation ({@code privateMessage}: as a direct message); the reply is queued for its channel. */
public record ReplySent(long conversationId, long messageId, long agentId, boolean privateMessage, int promises, Instant at)
        implements ConversationEvent {
}
