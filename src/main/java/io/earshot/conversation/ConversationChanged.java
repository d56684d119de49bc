package io.earshot.conversation;

/** Published when an agent changed a conversation (reply, assignment, status, merge). */
public record ConversationChanged(long conversationId, String what) {
}
