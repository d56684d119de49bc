package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

/** A conversation as the inbox lists it (the API's conversation item). */
public record ConversationView(
        String id,
        String status,
        String channel,
        CustomerRef customer,
        String preview,
        Priority priority,
        SentimentView sentiment,
        String intent,
        String language,
        AgentRef assignee,
        Instant createdAt,
        Instant lastInboundAt,
        Instant lastOutboundAt,
        Instant firstResponseAt,
        Sla sla,
        int openCommitments) {

    /** The customer, briefly. */
    public record CustomerRef(String id, String handle, String name, long followers, boolean verified) {
    }

    /** An agent, briefly. */
    public record AgentRef(String id, String name) {
    }

    /** Sentiment label and polarity (-1..1). */
    public record SentimentView(String label, Double score) {
    }

    /** Deadlines and the ones already missed (first_response, next_update, resolution). */
    public record Sla(Instant firstResponseDue, Instant nextUpdateDue, Instant resolutionDue, List<String> breaches) {
    }
}
