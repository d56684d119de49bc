package io.earshot.conversation;

/**
 * A page request of the inbox.
 *
 * @param status   open, pending, resolved or all
 * @param sort     priority, oldest, newest or due
 * @param q        words to look for in the messages' text, or null
 * @param cursor   where the previous page ended, or null
 */
public record ConversationQuery(String status, String sort, String channel, Long assignee, String q, int limit,
                                String cursor) {
}
