package io.earshot.listening;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a {@link SpikeDetector} is told: the size of the series' buckets, the one sensitivity setting, how long it
 * stays quiet after an alert, and the zone whose hours of the day and week the rhythm is learned in.
 */
public record SpikeSettings(Duration bucket, Sensitivity sensitivity, Duration cooldown, ZoneId zone) {

    /** The cooldown used unless told otherwise (chosen on the NAB tuning series, see docs/spike-detector.md). */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(24);

    public SpikeSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(zone, "zone");
        if (bucket.isNegative() || bucket.isZero() || bucket.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("bucket must be between 1 ms and 1 hour, was " + bucket);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
    }

    /** NORMAL sensitivity, the default cooldown, hours in UTC. */
    public static SpikeSettings defaults(Duration bucket) {
        return new SpikeSettings(bucket, Sensitivity.NORMAL, DEFAULT_COOLDOWN, ZoneId.of("UTC"));
    }

    public SpikeSettings withSensitivity(Sensitivity s) {
        return new SpikeSettings(bucket, s, cooldown, zone);
    }

    public SpikeSettings withCooldown(Duration c) {
        return new SpikeSettings(bucket, sensitivity, c, zone);
    }

    public SpikeSettings withZone(ZoneId z) {
        return new SpikeSettings(bucket, sensitivity, cooldown, z);
    }
}
