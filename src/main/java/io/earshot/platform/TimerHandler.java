package io.earshot.platform;

/**
 * Does the work of one kind of timer. Features provide handlers; {@link Timers} fires each scheduled timer
 * once, on one instance. A handler re-reads the state it acts on and must be safe to run twice (a crash
 * between its commit and the scheduler's bookkeeping runs it again).
 */
public interface TimerHandler {

    /** The timer kind, unique, e.g. {@code sla-check}. */
    String timerName();

    /** Fires the timer with this key (what {@link Timers#schedule} was given). */
    void fire(String key);
}
