package io.earshot.platform;

import java.time.Instant;

/**
 * A timer that, once fired, says when it is due again: one row that moves on (the priority refresh, say), rather
 * than a row per occasion. {@link Timers#scheduleEarliest} brings it forward when something needs it sooner.
 */
public interface RepeatingTimerHandler extends TimerHandler {

    /** When the timer with this key is due again, just after it fired; null when nothing waits for it. */
    Instant again(String key);
}
