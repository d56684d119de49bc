package io.earshot.listening.internal;

import io.earshot.listening.Sensitivity;
import java.time.Duration;

/**
 * The detector's fixed constants, one set per sensitivity. Chosen on the first half (by time) of the NAB Twitter series, see
 * docs/spike-detector.md; a user never sets them one by one.
 *
 * @param threshold     surprise, in standard deviations of count noise, that makes an alert
 * @param minRatio      an alert's count must also be at least this many times the expected count
 * @param minExcess     and at least this many counts above it (so 0→3 on a quiet series is no wave)
 * @param levelHalfLife how fast the level forgets
 * @param dailyHalfLife half-life, in days, of an hour-of-day factor
 * @param weeklyHalfLife half-life, in weeks, of an hour-of-week factor
 * @param span          the several-bucket test sums buckets over this span
 * @param warmup        no alert before this much of the series has been seen
 * @param clip          counts beyond expected + clip·σ are learned as if they were that (a wave does not become normal)
 * @param dispersionHalfLife half-life, in days, of the overdispersion estimate
 */
public record SpikeModel(double threshold, double minRatio, double minExcess, Duration levelHalfLife,
                         double dailyHalfLife, double weeklyHalfLife, Duration span, Duration warmup, double clip,
                         double dispersionHalfLife) {

    public static SpikeModel of(Sensitivity sensitivity) {
        SpikeModel normal = new SpikeModel(10, 8.0, 4, Duration.ofHours(12), 4, 2, Duration.ofMinutes(30),
                Duration.ofDays(1), 3, 3);
        return switch (sensitivity) {
            case LOW -> normal.withThreshold(normal.threshold * 1.4).withMinRatio(normal.minRatio * 1.5);
            case NORMAL -> normal;
            case HIGH -> normal.withThreshold(normal.threshold * 0.75).withMinRatio(1 + (normal.minRatio - 1) * 0.6);
        };
    }

    public SpikeModel withThreshold(double t) {
        return new SpikeModel(t, minRatio, minExcess, levelHalfLife, dailyHalfLife, weeklyHalfLife, span, warmup, clip, dispersionHalfLife);
    }

    public SpikeModel withMinRatio(double r) {
        return new SpikeModel(threshold, r, minExcess, levelHalfLife, dailyHalfLife, weeklyHalfLife, span, warmup, clip, dispersionHalfLife);
    }
}
