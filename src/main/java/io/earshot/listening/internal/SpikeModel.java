package io.earshot.listening.internal;

import io.earshot.listening.Sensitivity;
import java.time.Duration;

/**
 * The detector's fixed constants, one set per sensitivity. Chosen on the first half (by time) of the NAB Twitter
 * series and checked leaving one series out, see docs/spike-detector.md; a user never sets them one by one.
 *
 * @param threshold     an alert's wave surprise must be this many spreads above the series' own usual surprise
 * @param levelHalfLife how fast the level forgets
 * @param dailyHalfLife half-life, in days, of an hour-of-day factor
 * @param weeklyHalfLife half-life, in weeks, of an hour-of-week factor
 * @param span          half-life of the exponentially weighted sums of excess counts that make the wave surprise
 * @param history       half-life of the series' own distribution (mean and spread) of wave surprises
 * @param warmup        no alert before this much of the series has been seen
 * @param clip          counts beyond expected + clip·σ are learned as if they were that (a wave does not become normal)
 * @param dispersionHalfLife half-life, in days, of the overdispersion estimate
 */
public record SpikeModel(double threshold, Duration levelHalfLife, double dailyHalfLife, double weeklyHalfLife,
                         Duration span, Duration history, Duration warmup, double clip, double dispersionHalfLife) {

    /**
     * The spread of wave surprises is never taken as less than this. Count noise alone gives a spread of 1, and a
     * 6-hour sum of pure noise reaches 4σ every few weeks (seen on the synthetic minute series of SpikeDetectorTest);
     * with 2, NORMAL needs 5σ of count noise on a series that is that steady. On the NAB series the spread is always
     * above 2, so this floor changes none of their alerts.
     */
    public static final double MIN_SPREAD = 2.0;

    public static SpikeModel of(Sensitivity sensitivity) {
        SpikeModel normal = new SpikeModel(2.5, Duration.ofHours(12), 4, 2, Duration.ofHours(6), Duration.ofDays(14),
                Duration.ofDays(1), 3, 3);
        return switch (sensitivity) {
            case LOW -> normal.withThreshold(normal.threshold * 1.25);
            case NORMAL -> normal;
            case HIGH -> normal.withThreshold(normal.threshold * 0.8);
        };
    }

    public SpikeModel withThreshold(double t) {
        return new SpikeModel(t, levelHalfLife, dailyHalfLife, weeklyHalfLife, span, history, warmup, clip,
                dispersionHalfLife);
    }

    public SpikeModel withSpan(Duration s) {
        return new SpikeModel(threshold, levelHalfLife, dailyHalfLife, weeklyHalfLife, s, history, warmup, clip,
                dispersionHalfLife);
    }

    public SpikeModel withHistory(Duration h) {
        return new SpikeModel(threshold, levelHalfLife, dailyHalfLife, weeklyHalfLife, span, h, warmup, clip,
                dispersionHalfLife);
    }

    public SpikeModel withWarmup(Duration w) {
        return new SpikeModel(threshold, levelHalfLife, dailyHalfLife, weeklyHalfLife, span, history, w, clip,
                dispersionHalfLife);
    }

    public SpikeModel withLevelHalfLife(Duration l) {
        return new SpikeModel(threshold, l, dailyHalfLife, weeklyHalfLife, span, history, warmup, clip,
                dispersionHalfLife);
    }
}
