package io.earshot.conversation.internal;

import io.earshot.conversation.PriorityRefreshed;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.RepeatingTimerHandler;
import io.earshot.platform.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-ranks conversations whose priority grows with waiting, when their next step of waiting is reached (each
 * conversation knows when that is), so the inbox order and the "waiting" reason stay true while nobody acts. One
 * {@value #TIMER} timer (db-scheduler, as all deferred work) waits for the earliest such step: saving conversations
 * brings it forward ({@link ConversationRows#save}); once fired it moves on to the next. With the system clock it
 * fires at least every {@code earshot.routing.refresh-every}, so a step saved while it ran is late by that at most.
 * Deterministic, so a run repeated after a crash is harmless.
 */
@Component
class PriorityRefresher implements RepeatingTimerHandler {

    static final String TIMER = "priority-refresh";
    static final String KEY = "next";
    private static final Duration PARKED = Duration.ofDays(1);

    private static final int BATCH = 500;
    /** At most this many re-rankings a run, so a replay racing through event time cannot flood the writer. */
    private static final int MAX_PER_RUN = 2_000;

    private final ConversationRows conversations;
    private final CustomerRows customers;
    private final ConversationRanking ranking;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;
    private final EarshotClock earshotClock;
    private final Duration refreshEvery;
    private final Timers timers;
    private boolean more;

    PriorityRefresher(ConversationRows conversations, CustomerRows customers, ConversationRanking ranking, Clock clock,
                      TransactionTemplate tx, ApplicationEventPublisher publisher, EarshotClock earshotClock,
                      @Value("${earshot.routing.refresh-every:30s}") Duration refreshEvery, Timers timers) {
        this.timers = timers;
        this.earshotClock = earshotClock;
        this.refreshEvery = refreshEvery;
        this.conversations = conversations;
        this.customers = customers;
        this.ranking = ranking;
        this.clock = clock;
        this.tx = tx;
        this.publisher = publisher;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @Override
    public void fire(String key) {
        more = refreshDue() >= MAX_PER_RUN;
    }

    @Override
    public Instant again(String key) {
        Instant now = clock.instant();
        if (more) {
            return now;
        }
        Long next = conversations.nextRefresh();
        Instant at = next == null ? null : Instant.ofEpochMilli(next);
        // never removed, so a step saved while this ran is seen at the latest then: with the system clock after
        // refresh-every; with a controlled clock (which stops at every due time) after a day of its time
        Instant latest = now.plus(earshotClock.isControlled() ? PARKED : refreshEvery);
        return at == null || at.isAfter(latest) ? latest : at;
    }

    /** At start the timer waits for the earliest step already stored (it is not there after an upgrade). */
    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        Long next = conversations.nextRefresh();
        timers.scheduleEarliest(TIMER, KEY, next == null ? clock.instant().plus(refreshEvery) : Instant.ofEpochMilli(next));
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
        changed.forEach(c -> publisher.publishEvent(new PriorityRefreshed(c.id())));
        return ids.size();
    }
}
