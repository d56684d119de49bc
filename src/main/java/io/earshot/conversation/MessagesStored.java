package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A batch of messages was stored (published in its transaction): each new message with where it went and, for an
 * inbound one, its signals; how many were new and how many duplicates of messages stored before.
 */
public record MessagesStored(List<StoredMessage> messages, int created, int duplicates) {

    /**
     * One new message: {@code language}, {@code sentiment} and {@code intent} are null for the company's own;
     * {@code reach} is its author's followers as the message gave them (0 when it gave none).
     */
    public record StoredMessage(long messageId, long conversationId, long customerId, String channel, boolean inbound,
                                Instant at, String language, String sentiment, String intent, String text, long reach) {
    }

    /** The conversations the batch touched, each once, in the order first touched. */
    public List<Long> conversationIds() {
        return messages.stream().map(StoredMessage::conversationId).distinct().toList();
    }
}
