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

    /** Deadlines and the ones missed, recorded or missed now; {@code policy} names the SLA policy that set them. */
    public record Sla(Instant firstResponseDue, Instant nextUpdateDue, Instant resolutionDue, List<Breach> breaches, String policy) {
    }

    /**
     * A missed target: {@code firstResponse}, {@code nextUpdate} or {@code resolution}, and when it was due.
     * {@code recorded} is false for a miss seen now that the timer has not recorded yet.
     */
    public record Breach(String target, Instant dueAt, boolean recorded) {
    }

    ConversationView with(AgentRef assignee, List<Breach> recorded, String policy, int open) {
        List<Breach> all = new java.util.ArrayList<>(recorded);
        for (Breach live : sla.breaches()) {
            if (all.stream().noneMatch(b -> b.target().equals(live.target()) && b.dueAt().equals(live.dueAt()))) {
                all.add(live);
            }
        }
        return new ConversationView(id, status, channel, customer, preview, priority, sentiment, intent, language, assignee,
                createdAt, lastInboundAt, lastOutboundAt, firstResponseAt,
                new Sla(sla.firstResponseDue(), sla.nextUpdateDue(), sla.resolutionDue(), List.copyOf(all), policy), open);
    }
}
