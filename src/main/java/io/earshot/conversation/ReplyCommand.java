package io.earshot.conversation;

import io.earshot.platform.Agent;

/**
 * An agent's reply to a conversation: the one command every reply sent through Earshot goes through (the desk, the
 * API, a drafted status update, the demo agent), so the promises in it are always read.
 *
 * @param replyTo the id of the customer's message it answers, which says where it goes (that message's channel,
 *                account and author, "in reply to" it); null answers the newest message from the customer
 */
public record ReplyCommand(String conversationId, Agent agent, String text, boolean privateMessage, String replyTo) {

    /** A reply to the customer's newest message. */
    public ReplyCommand(String conversationId, Agent agent, String text, boolean privateMessage) {
        this(conversationId, agent, text, privateMessage, null);
    }
}
