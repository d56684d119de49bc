package io.earshot.conversation.internal;

import io.earshot.conversation.DeadlinePlanner;
import io.earshot.conversation.Deadlines;
import io.earshot.conversation.Priority;
import io.earshot.conversation.PriorityInput;
import io.earshot.conversation.PriorityPins;
import io.earshot.conversation.PriorityScorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Applies the priority scorer and the deadline planner to a conversation that changed; the conversation takes the rank.
 * A pinned conversation (one of a crisis) scores {@value #PINNED} plus its own score, level urgent, with the pin's
 * reason first: it goes before every conversation that is not pinned, and pinned ones keep their own order.
 */
@Component
public class ConversationRanking {

    private final PriorityScorer scorer;
    private final DeadlinePlanner planner;

    /** What a pinned conversation's score starts from: above any unpinned score (0-100). */
    public static final int PINNED = 101;

    private final io.earshot.ingest.ChannelCatalog catalog;
    private final ObjectProvider<PriorityPins> pins;

    ConversationRanking(PriorityScorer scorer, DeadlinePlanner planner, io.earshot.ingest.ChannelCatalog catalog,
                        ObjectProvider<PriorityPins> pins) {
        this.catalog = catalog;
        this.pins = pins;
        this.scorer = scorer;
        this.planner = planner;
    }

    public void rank(Conversation c, CustomerRows.Row customer, long now) {
        long followers = customer == null ? 0 : customer.followers();
        boolean verified = customer != null && customer.verified();
        PriorityInput input = c.priorityInput(followers, verified, now, catalog.traits(c.channel()).publicChannel());
        Priority own = scorer.score(input);
        Priority priority = pinned(c.id()).map(reason -> pin(own, reason)).orElse(own);
        Duration stable = c.awaitingUs() ? scorer.stableFor(input) : null;
        Deadlines deadlines = planner.plan(c.deadlineInput(priority.level(), followers));
        c.rank(priority, stable == null ? null : now + stable.toMillis(), deadlines);
    }

    private Optional<String> pinned(long conversationId) {
        return pins.orderedStream().map(p -> p.pinned(conversationId)).flatMap(Optional::stream).findFirst();
    }

    private static Priority pin(Priority own, String reason) {
        List<String> reasons = new ArrayList<>();
        reasons.add(reason);
        reasons.addAll(own.reasons());
        return new Priority(PINNED + own.score(), "urgent", List.copyOf(reasons));
    }
}
