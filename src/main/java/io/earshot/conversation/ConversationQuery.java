package io.earshot.conversation;

/**
 * A page request of the inbox.
 *
 * @param status    open, pending, resolved or all
 * @param sort      priority, oldest, newest or due
 * @param q         words to look for in the messages' text, or null
 * @param cursor    where the previous page ended, or null
 * @param intent    only conversations of this intent, or null
 * @param sentiment only conversations whose latest sentiment is this, or null
 * @param teamId    only conversations assigned to an agent of this team, or null
 * @param among     only these conversations (those a topic matched), or null for any
 */
public record ConversationQuery(String status, String sort, String channel, Long assignee, String q, int limit,
                                String cursor, String intent, String sentiment, Long teamId, java.util.List<Long> among) {

    public ConversationQuery(String status, String sort, String channel, Long assignee, String q, int limit, String cursor) {
        this(status, sort, channel, assignee, q, limit, cursor, null, null, null, null);
    }

    public ConversationQuery(String status, String sort, String channel, Long assignee, String q, int limit, String cursor,
                             String intent, String sentiment, Long teamId) {
        this(status, sort, channel, assignee, q, limit, cursor, intent, sentiment, teamId, null);
    }
}
