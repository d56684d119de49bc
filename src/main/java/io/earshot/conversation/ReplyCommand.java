package io.earshot.conversation;

import io.earshot.platform.Agent;

/**
 * An agent's reply to a conversation: the one command every reply sent through Earshot goes through (the desk, the
 * API, a drafted status update, the demo agent), so the promises in it are always read.
 */
public record ReplyCommand(String conversationId, Agent agent, String text, boolean privateMessage) {
}
