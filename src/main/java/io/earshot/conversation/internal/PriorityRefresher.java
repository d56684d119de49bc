package io.earshot.conversation.internal;

import io.earshot.conversation.ConversationChanged;
import io.earshot.platform.ClockMoved;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-ranks conversations whose priority grows with waiting, when their next step of waiting is reached (each
 * conversation knows when that is), so the inbox order and the "waiting" reason stay true while nobody acts.
 * Deterministic, so running it on several instances at once is harmless.
 */
@Component
class PriorityRefresher {

    private static final int BATCH = 500;
    /** At most this many re-rankings a run, so a replay racing through event time cannot flood the writer. */
    private static final int MAX_PER_RUN = 2_000;

    private final ConversationRows conversations;
    private final CustomerRows customers;
    private final ConversationRanking ranking;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;

    PriorityRefresher(ConversationRows conversations, CustomerRows customers, ConversationRanking ranking, Clock clock,
                      TransactionTemplate tx, ApplicationEventPublisher publisher) {
        this.conversations = conversations;
        this.customers = customers;
        this.ranking = ranking;
        this.clock = clock;
        this.tx = tx;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelayString = "${earshot.routing.refresh-every:30s}")
    void onSchedule() {
        refreshDue();
    }

    @EventListener
    void onClockMoved(ClockMoved moved) {
        refreshDue();
    }

    /** Re-ranks every conversation that is due; returns how many. */
    int refreshDue() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> refreshBatch());
            if (n == null || n == 0) {
                return total;
            }
            total += n;
            if (n < BATCH || total >= MAX_PER_RUN) {
                return total;
            }
        }
    }

    private int refreshBatch() {
        long now = clock.millis();
        List<Long> ids = conversations.dueForRefresh(now, BATCH);
        if (ids.isEmpty()) {
            return 0;
        }
        customers.lock(conversations.customersOf(ids));
        Map<Long, Conversation> fresh = conversations.byIds(ids);
        Map<Long, CustomerRows.Row> reach = customers.byIds(fresh.values().stream().map(Conversation::customerId).distinct().toList());
        List<Conversation> changed = new ArrayList<>();
        for (Conversation c : fresh.values()) {
            if (!c.priorityRefreshDue(now)) {
                continue;
            }
            ranking.rank(c, reach.get(c.customerId()), now);
            changed.add(c);
        }
        conversations.save(changed);
        changed.forEach(c -> publisher.publishEvent(new ConversationChanged(c.id(), "priority_refreshed")));
        return ids.size();
    }
}
