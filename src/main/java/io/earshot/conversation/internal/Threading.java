package io.earshot.conversation.internal;

import io.earshot.conversation.ConversationStatus;
import io.earshot.conversation.ThreadingSettings;
import java.util.List;

/**
 * Decides which conversation a customer's new message joins. Pure: it reads only the conversations it is given,
 * so ingest loads them once for a whole batch.
 */
public final class Threading {

    private final long windowMillis;
    private final boolean crossChannel;

    public Threading(ThreadingSettings settings) {
        this.windowMillis = settings.window().toMillis();
        this.crossChannel = settings.crossChannel();
    }

    /** A conversation last active before this, at {@code now}, is too old for a new message to join. */
    public long since(long now) {
        return now - windowMillis;
    }

    /**
     * The conversation an inbound message of {@code customerId} on {@code channel} at {@code at} joins, or null for a
     * new one: the conversation of the message it replies to ({@code parent}) when that is the same customer's, even
     * resolved (the message reopens it); else the customer's most recently active unresolved conversation within the
     * window, on the message's channel first, then on any channel when cross-channel threading is on.
     *
     * @param ofCustomer the customer's loaded conversations
     */
    public Conversation conversationFor(Conversation parent, long customerId, List<Conversation> ofCustomer, String channel,
                                        long at, long now) {
        if (parent != null && parent.customerId() == customerId) {
            return parent;
        }
        long since = since(now);
        Conversation sameChannel = null;
        Conversation any = null;
        for (Conversation c : ofCustomer) {
            if (c.status() == ConversationStatus.RESOLVED || c.lastActivityAt() < since || at - c.lastActivityAt() > windowMillis) {
                continue;
            }
            if (c.channel().equals(channel) && (sameChannel == null || c.lastActivityAt() > sameChannel.lastActivityAt())) {
                sameChannel = c;
            }
            if (any == null || c.lastActivityAt() > any.lastActivityAt()) {
                any = c;
            }
        }
        if (sameChannel != null) {
            return sameChannel;
        }
        return crossChannel ? any : null;
    }
}
