package io.earshot.platform;

import io.earshot.platform.internal.TimerSettings;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fires the timers {@link Timers} scheduled, on db-scheduler: each row is picked with an optimistic update,
 * so only one instance runs it. With the system clock each instance polls; with a manual or event-time clock
 * timers fire when time is moved: {@link #advanceTo} walks through every due time in order, so a timer
 * sees the clock at the moment it was due; between moves, what is due at a manual clock's time is polled too.
 * {@link #nudge} asks for a look at once, after a commit that made a timer due now.
 */
@Component
public class TimerEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TimerEngine.class);
    private static final int MAX_STEPS = 1_000_000;

    private final JdbcTemplate jdbc;
    private final EarshotClock clock;
    private final Map<String, TimerHandler> handlers;
    private final Scheduler scheduler;
    private final ManualScheduler manual;
    private final SettableClock settable;
    private final String known;
    private final Duration pollInterval;
    private java.util.concurrent.ScheduledExecutorService standingStill;
    private volatile boolean running;

    TimerEngine(DataSource dataSource, JdbcTemplate jdbc, EarshotClock clock, List<TimerHandler> handlers, TimerSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pollInterval = settings.pollInterval();
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::timerName, Function.identity()));
        this.known = handlers.stream().map(h -> "'" + h.timerName().replace("'", "") + "'").collect(Collectors.joining(", "));
        List<Task<?>> tasks = new ArrayList<>();
        for (TimerHandler h : handlers) {
            if (h instanceof RepeatingTimerHandler repeating) {
                tasks.add(repeatingTask(repeating));
                continue;
            }
            tasks.add(Tasks.oneTime(h.timerName()).onFailure(retries()).execute((instance, context) -> fire(h, instance.getId())));
        }
        if (clock.isControlled()) {
            this.settable = new SettableClock();
            this.settable.set(clock.instant());
            this.manual = TestHelper.createManualScheduler(dataSource, tasks).clock(settable).build();
            this.scheduler = manual;
        } else {
            this.settable = null;
            this.manual = null;
            this.scheduler = Scheduler.create(dataSource, tasks)
                    .clock(clock::instant)
                    .pollingInterval(settings.pollInterval())
                    .threads(settings.threads())
                    .schedulerName(new SchedulerName.Hostname())
                    .alwaysPersistTimestampInUTC()
                    .build();
        }
    }

    /** A failing timer is tried again after 5 s, doubling, 12 times at most. */
    private static FailureHandler<Void> retries() {
        return new FailureHandler.MaxRetriesFailureHandler<>(12,
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(5), 2.0));
    }

    private static void fire(TimerHandler h, String key) {
        try {
            h.fire(key);
        } catch (RuntimeException e) {
            log.warn("timer {} {} failed; it will be tried again: {}", h.timerName(), key, e.toString(), e);
            throw e;
        }
    }

    /** A task whose row, once fired, is rescheduled to when its handler says it is due again (or removed). */
    private static Task<Void> repeatingTask(RepeatingTimerHandler h) {
        return Tasks.custom(h.timerName(), Void.class).onFailure(retries()).onDeadExecutionRevive()
                .execute((instance, context) -> {
                    fire(h, instance.getId());
                    Instant again = h.again(instance.getId());
                    return (complete, operations) -> {
                        if (again == null) {
                            operations.remove();
                        } else {
                            operations.reschedule(complete, again);
                        }
                    };
                });
    }

    /**
     * Moves a controlled clock to {@code target}, stopping at every due time on the way and firing what is
     * due there. Returns the time after the move.
     */
    public Instant advanceTo(Instant target) {
        return advanceTo(target, Duration.ZERO);
    }

    /**
     * As {@link #advanceTo(Instant)}, but each stop also fires what falls due up to {@code resolution} later, so a
     * long replay takes fewer stops; a timer then fires at most {@code resolution} late.
     */
    public synchronized Instant advanceTo(Instant target, Duration resolution) {
        requireControlled();
        Progress progress = new Progress();
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant next = nextDue();
            if (next == null || next.isAfter(target) || progress.stalled(next)) {
                break;
            }
            Instant stop = next.plus(resolution);
            clock.advanceTo(stop.isAfter(target) ? target : stop);
            runDue();
        }
        clock.advanceTo(target);
        fireDue();
        return clock.instant();
    }

    /** Fires everything due at the controlled clock's current time (event-time replays call it after each batch). */
    public synchronized void fireDue() {
        requireControlled();
        Progress progress = new Progress();
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant next = nextDue();
            if (next == null || next.isAfter(clock.instant()) || progress.stalled(next)) {
                return;
            }
            runDue();
        }
    }

    /**
     * Asks the scheduler to look for due timers now rather than at its next poll: called after a commit that made a
     * timer due at once (a reply to send). Returns at once; the timers fire on the scheduler's threads.
     */
    public void nudge() {
        if (!running) {
            return; // stopping: the next start's poll sends it
        }
        try {
            if (manual == null) {
                scheduler.triggerCheckForDueExecutions();
            } else if (standingStill != null) {
                standingStill.execute(this::fireDueQuietly);
            }
        } catch (RuntimeException e) { // stopped meanwhile: the commit stands, the timer waits for the next poll
            log.debug("timers not nudged: {}", e.toString());
        }
    }

    private void fireDueQuietly() {
        try {
            fireDue();
        } catch (RuntimeException e) {
            log.warn("timers due at {} could not be fired: {}", clock.instant(), e.toString());
        }
    }

    /** Tells a loop that fires timers when nothing moves any more (a timer that keeps failing at the same time). */
    private final class Progress {
        private Instant at;
        private long due = Long.MAX_VALUE;
        private int still;

        boolean stalled(Instant next) {
            long count = jdbc.queryForObject("select count(*) from scheduled_tasks where picked = false and execution_time <= ?",
                    Long.class, java.sql.Timestamp.from(next));
            boolean moved = !next.equals(at) || count < due;
            at = next;
            due = count;
            still = moved ? 0 : still + 1;
            if (still > 3) {
                log.warn("timers due at {} do not go away; moving on", next);
                return true;
            }
            return false;
        }
    }

    private void requireControlled() {
        if (manual == null) {
            throw new IllegalStateException("timers fire by themselves with the system clock");
        }
    }

    private void runDue() {
        settable.set(clock.instant());
        manual.runAnyDueExecutions();
    }

    private Instant nextDue() {
        if (known.isEmpty()) {
            return null;
        }
        Timestamp next = jdbc.queryForObject("select min(execution_time) from scheduled_tasks where picked = false and task_name in ("
                + known + ")", Timestamp.class);
        return next == null ? null : next.toInstant();
    }

    @Override
    public void start() {
        if (manual == null) {
            scheduler.start();
        } else {
            // a timer picked by an instance that died is freed once, at start; never while clocks are moved, as
            // instances stepping their controlled clocks apart would take each other's running timers for dead
            settable.set(clock.instant());
            manual.runDeadExecutionDetection();
            if (clock.mode() == EarshotClock.Mode.MANUAL) {
                // a manual clock stands still between moves, but what falls due at its time (a reply to send) still
                // fires, polled as the system clock's timers are; a replay's event-time clock fires after each batch
                standingStill = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "earshot-timers-manual");
                    t.setDaemon(true);
                    return t;
                });
                standingStill.scheduleWithFixedDelay(this::fireDueQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (manual == null) {
            scheduler.stop();
        }
        if (standingStill != null) {
            standingStill.shutdown();
            try {
                standingStill.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // start after everything else, stop before
    }
}
