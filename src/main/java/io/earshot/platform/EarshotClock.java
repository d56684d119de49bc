package io.earshot.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of Earshot. In {@code system} mode it follows the wall clock; in {@code manual} mode
 * time stands still until {@link #advanceTo(Instant)} moves it; in {@code event-time} mode (replays) it
 * follows the newest event seen, never going backwards. A controlled clock keeps millisecond precision,
 * as stored instants do.
 */
public final class EarshotClock extends Clock {

    /** How the clock moves. */
    public enum Mode { SYSTEM, MANUAL, EVENT_TIME }

    private final Mode mode;
    private final Clock system;
    private final AtomicReference<Instant> now;

    public EarshotClock(Mode mode, Clock system) {
        this.mode = mode;
        this.system = system;
        this.now = new AtomicReference<>(system.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    public Mode mode() {
        return mode;
    }

    /** True when time moves only by {@link #advanceTo(Instant)}. */
    public boolean isControlled() {
        return mode != Mode.SYSTEM;
    }

    /**
     * Moves a controlled clock forward to {@code target}; an earlier target leaves it where it is.
     *
     * @return the time after the move
     * @throws IllegalStateException on a system clock
     */
    public Instant advanceTo(Instant target) {
        if (!isControlled()) {
            throw new IllegalStateException("the clock follows the system time; start with earshot.clock=manual");
        }
        Instant wanted = target.truncatedTo(ChronoUnit.MILLIS);
        return now.accumulateAndGet(wanted, (current, next) -> next.isAfter(current) ? next : current);
    }

    /** Sets a controlled clock to {@code target}, even backwards: only for starting a replay. */
    public void reset(Instant target) {
        if (!isControlled()) {
            throw new IllegalStateException("the clock follows the system time");
        }
        now.set(target.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public Instant instant() {
        return mode == Mode.SYSTEM ? system.instant() : now.get();
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
