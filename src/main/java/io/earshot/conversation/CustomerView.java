package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

/** A customer with every identity and every conversation, across channels. */
public record CustomerView(String id, String handle, String name, String email, long followers, boolean verified,
                           Instant createdAt, Instant lastSeenAt, List<Identity> identities,
                           List<ConversationSummary> conversations) {

    /** A channel and a handle (or 'email' and an address). */
    public record Identity(String channel, String handle) {
    }

    /** One of the customer's conversations, briefly. */
    public record ConversationSummary(String id, String status, String channel, String preview, Instant createdAt,
                                      Instant resolvedAt) {
    }
}
