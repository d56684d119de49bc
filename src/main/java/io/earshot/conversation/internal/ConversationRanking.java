package io.earshot.conversation.internal;

import io.earshot.conversation.DeadlinePlanner;
import io.earshot.conversation.Deadlines;
import io.earshot.conversation.Priority;
import io.earshot.conversation.PriorityInput;
import io.earshot.conversation.PriorityScorer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Applies the priority scorer and the deadline planner to a conversation that changed; the conversation takes the rank. */
@Component
public class ConversationRanking {

    private final PriorityScorer scorer;
    private final DeadlinePlanner planner;

    private final io.earshot.ingest.ChannelCatalog catalog;

    ConversationRanking(PriorityScorer scorer, DeadlinePlanner planner, io.earshot.ingest.ChannelCatalog catalog) {
        this.catalog = catalog;
        this.scorer = scorer;
        this.planner = planner;
    }

    public void rank(Conversation c, CustomerRows.Row customer, long now) {
        long followers = customer == null ? 0 : customer.followers();
        boolean verified = customer != null && customer.verified();
        PriorityInput input = c.priorityInput(followers, verified, now, catalog.traits(c.channel()).publicChannel());
        Priority priority = scorer.score(input);
        Duration stable = c.awaitingUs() ? scorer.stableFor(input) : null;
        Deadlines deadlines = planner.plan(c.deadlineInput(priority.level(), followers));
        c.rank(priority, stable == null ? null : now + stable.toMillis(), deadlines);
    }
}
