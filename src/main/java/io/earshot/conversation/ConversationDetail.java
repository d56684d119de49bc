package io.earshot.conversation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/** One conversation with its messages, its timeline and the routes a reply can take (the first is the default). */
public record ConversationDetail(
        @JsonUnwrapped ConversationView conversation,
        List<MessageView> messages,
        List<Object> commitments,
        List<EventView> events,
        List<ReplyRoute> routes) {

    /** The same detail with the conversation's promises. */
    public ConversationDetail withCommitments(List<Object> found) {
        return new ConversationDetail(conversation, messages, List.copyOf(found), events, routes);
    }

    /** A message of the conversation, with its signals when it is inbound. */
    public record MessageView(String id, String channel, String externalId, String direction, AuthorView author,
                              String text, Instant createdAt, String inReplyTo, boolean privateMessage, String url,
                              Signals signals, String delivery, String deliveryError, String accountId, String subject,
                              String to) {
    }

    /** Who wrote a message. */
    public record AuthorView(String handle, String name, String agentId) {
    }

    /** The signals of an inbound message. */
    public record Signals(String language, ConversationView.SentimentView sentiment, String intent) {
    }

    /**
     * One entry of the timeline.
     *
     * @param actor     who did it: an agent's email, a customer's handle, or the system's name
     * @param agentId   the agent who did it, null when no agent acted
     * @param agentName that agent's name
     */
    public record EventView(String id, Instant at, String kind, String actor, String agentId, String agentName, String details) {
    }
}
