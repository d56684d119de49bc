package io.earshot.conversation;

/**
 * One way to answer a conversation: the channel, account and address of a message from the customer. A reply goes
 * where the message it answers came from; the agent may pick another of the conversation's routes.
 *
 * @param replyTo    the id of the customer's newest message by this route (what a reply "replies to")
 * @param accountId  the channel account, null for a message posted to the API
 * @param recipient  where the reply goes (an address, a handle, a chat visitor)
 * @param replyLimit the longest public reply the channel takes; 0 for none
 * @param publicChannel true when a public reply there can be read by anyone
 */
public record ReplyRoute(String replyTo, String channel, String accountId, String recipient, int replyLimit,
                         boolean publicChannel) {
}
