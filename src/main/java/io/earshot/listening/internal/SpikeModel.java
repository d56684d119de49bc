package io.earshot.listening.internal;

import io.earshot.listening.Sensitivity;
import java.time.Duration;

/**
 * The detector's fixed constants, one set per sensitivity. Chosen on the first half (by time) of the NAB Twitter
 * series, as the centre of the best plateau of the grid rather than its best point, see docs/spike-detector.md; a
 * user never sets them one by one.
 *
 * @param threshold     an alert's wave surprise must be this many spreads above the series' own usual one
 * @param levelHalfLife how fast the level forgets
 * @param dailyHalfLife half-life, in days, of an hour-of-day factor
 * @param weeklyHalfLife half-life, in weeks, of an hour-of-week factor
 * @param span          half-life of the exponentially weighted sum of excess counts that makes the wave surprise
 * @param history       half-life of the series' own mean and spread of wave surprises
 * @param minSpread     that spread is never taken as less than this (count noise alone gives about 1)
 * @param warmup        no alert before this much of the series has been seen
 * @param clip          counts beyond expected + clip·σ are learned as if they were that (a wave does not become normal)
 * @param dispersionHalfLife half-life, in days, of the overdispersion estimate
 */
public record SpikeModel(double threshold, Duration levelHalfLife, double dailyHalfLife, double weeklyHalfLife,
                         Duration span, Duration history, double minSpread, Duration warmup, double clip,
                         double dispersionHalfLife) {

    public static SpikeModel of(Sensitivity sensitivity) {
        SpikeModel normal = new SpikeModel(2.5, Duration.ofHours(12), 4, 2, Duration.ofHours(3), Duration.ofDays(14),
                2.0, Duration.ofDays(1), 3, 3);
        return switch (sensitivity) {
            case LOW -> normal.withThreshold(normal.threshold * 1.25);
            case NORMAL -> normal;
            case HIGH -> normal.withThreshold(normal.threshold * 0.8);
        };
    }

    public SpikeModel withThreshold(double t) {
        return new SpikeModel(t, levelHalfLife, dailyHalfLife, weeklyHalfLife, span, history, minSpread, warmup, clip,
                dispersionHalfLife);
    }

    /** The wave test's constants (for the tuning grid). */
    public SpikeModel withWave(double t, Duration s, Duration h, double spread) {
        return new SpikeModel(t, levelHalfLife, dailyHalfLife, weeklyHalfLife, s, h, spread, warmup, clip,
                dispersionHalfLife);
    }
}
