package io.earshot.platform.internal;

import io.earshot.platform.EarshotClock;
import io.earshot.platform.RepeatingTimerHandler;
import io.earshot.platform.Timers;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Runs again the {@code @AfterCommit} reactions that failed: a repeating {@value #TIMER} timer (once across
 * instances, like all deferred work) publishes again every recorded publication older than
 * {@code earshot.events.retry-after} that is still incomplete. Listeners are idempotent, so one that was merely
 * slow and runs twice does no harm.
 */
@Component
class EventRetries implements RepeatingTimerHandler {

    static final String TIMER = "event-retry";
    static final String KEY = "incomplete";
    /** A controlled clock stops at every due time; a day of its time between retries keeps a long move cheap. */
    private static final Duration CONTROLLED_EVERY = Duration.ofDays(1);

    private final IncompleteEventPublications incomplete;
    private final Timers timers;
    private final EarshotClock clock;
    private final Duration retryAfter;

    EventRetries(IncompleteEventPublications incomplete, Timers timers, EarshotClock clock,
                 @Value("${earshot.events.retry-after:1m}") Duration retryAfter) {
        this.incomplete = incomplete;
        this.timers = timers;
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @Override
    public void fire(String key) {
        incomplete.resubmitIncompletePublicationsOlderThan(retryAfter);
    }

    @Override
    public Instant again(String key) {
        return clock.instant().plus(clock.isControlled() ? CONTROLLED_EVERY : retryAfter);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timers.scheduleEarliest(TIMER, KEY, again(KEY));
    }
}
