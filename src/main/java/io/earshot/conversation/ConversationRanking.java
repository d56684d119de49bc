package io.earshot.conversation;

import io.earshot.ingest.Channel;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Applies the priority scorer and the deadline planner to a conversation that changed. */
@Component
class ConversationRanking {

    private final PriorityScorer scorer;
    private final DeadlinePlanner planner;

    ConversationRanking(PriorityScorer scorer, DeadlinePlanner planner) {
        this.scorer = scorer;
        this.planner = planner;
    }

    void rank(Conversation c, CustomerRows.Row customer, long now) {
        long followers = customer == null ? 0 : customer.followers();
        boolean verified = customer != null && customer.verified();
        PriorityInput input = new PriorityInput(
                c.sentimentLabel == null ? "neutral" : c.sentimentLabel,
                c.sentimentScore == null ? 0 : c.sentimentScore,
                c.intent == null ? "other" : c.intent,
                followers, verified, c.waiting(now), c.inboundCount, isPublic(c.channel));
        c.priority = scorer.score(input);
        java.time.Duration stable = c.awaitingUs() ? scorer.stableFor(input) : null;
        c.priorityRefreshAt = stable == null ? null : now + stable.toMillis();
        Deadlines d = planner.plan(new DeadlineInput(c.id, c.channel, c.status.wireName(), c.sentimentLabel, c.intent,
                c.priority.level(), followers, c.assigneeId, instant(c.createdAt), instant(c.lastInboundAt),
                instant(c.lastOutboundAt), instant(c.firstResponseAt), instant(c.resolvedAt), c.slaPauses, c.slaPolicyId));
        c.firstResponseDue = millis(d.firstResponseDue());
        c.nextUpdateDue = millis(d.nextUpdateDue());
        c.resolutionDue = millis(d.resolutionDue());
        c.slaPolicyId = d.policyId();
        c.dirty = true;
    }

    static boolean isPublic(String channel) {
        return !(Channel.EMAIL.wireName().equals(channel) || Channel.CHAT.wireName().equals(channel));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
