package io.earshot.platform;

import java.time.Instant;

/** Published when a controlled clock moved forward, so that timers falling due in between fire. */
public record ClockMoved(Instant from, Instant to) {
}
