package io.earshot.conversation;

/** A conversation's priority was recomputed as time passed (a deadline came nearer) and changed. */
public record PriorityRefreshed(long conversationId) implements ConversationEvent {
}
