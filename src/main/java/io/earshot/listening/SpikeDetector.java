package io.earshot.listening;

import io.earshot.listening.internal.RecentBuckets;
import io.earshot.listening.internal.SlotLabels;
import io.earshot.listening.internal.SlotProfile;
import io.earshot.listening.internal.SpikeModel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * A streaming, event-time spike detector for one count series (messages per bucket). Feed it each bucket in order
 * with {@link #observe(Instant, long)}; it never reads a clock.
 *
 * <p>The normal count of a bucket is {@code level × hour-of-day factor × hour-of-week factor}: the level is an
 * exponentially weighted mean of the deseasonalised counts, each weighted by its seasonal factor (up to 1, so a rare
 * count where almost nothing is expected does not pull it up), and each factor a weighted mean of the ratio of counts
 * to the level in that hour (the weekly one counts for more as weeks of it are seen). What is learned is clipped at
 * expected + 3σ, so a wave does not teach the detector that waves are normal. Count noise is negative-binomial:
 * variance {@code μ + φμ²} with the overdispersion φ estimated from the series, plus one count, so that a quiet
 * series's 0→3 is no surprise while 0→15 is. A bucket alerts when it, or the sum of the last half hour, is
 * {@code threshold} standard deviations above normal and also {@code minRatio} times and {@code minExcess} counts
 * above it; then the detector stays quiet for the cooldown. Not thread-safe: one detector per series.
 */
public final class SpikeDetector {

    private static final int HOURS_PER_WEEK = 168;
    private static final double MIN_EXPECTED = 0.01;
    private static final double MIN_FACTOR = 0.05;
    private static final double MAX_FACTOR = 10;

    private final SpikeSettings settings;
    private final SpikeModel model;
    private final ZoneRules zone;
    private final long bucketMillis;
    private final double levelAlpha;
    private final double dailyAlpha;
    private final double weeklyAlpha;
    private final double noiseAlpha;
    private final int bucketsPerHour;
    private final SlotProfile daily;
    private final SlotProfile weekly;
    private final RecentBuckets recent;
    private long points;
    private long firstBucket;
    private long lastBucket;
    private long lastAlert;
    private double level;
    private double excessNoise;
    private double expectedSquare;

    private SpikeDetector(SpikeSettings settings, SpikeModel model, SlotProfile daily, SlotProfile weekly,
                          RecentBuckets recent) {
        this.settings = settings;
        this.model = model;
        this.zone = settings.zone().getRules();
        this.bucketMillis = settings.bucket().toMillis();
        this.bucketsPerHour = (int) Math.max(1, Duration.ofHours(1).toMillis() / bucketMillis);
        this.levelAlpha = alpha(model.levelHalfLife().toMillis() / (double) bucketMillis);
        this.dailyAlpha = alpha(model.dailyHalfLife() * bucketsPerHour);
        this.weeklyAlpha = alpha(model.weeklyHalfLife() * bucketsPerHour);
        this.noiseAlpha = alpha(model.dispersionHalfLife() * 24 * bucketsPerHour);
        this.daily = daily;
        this.weekly = weekly;
        this.recent = recent;
        this.lastAlert = Long.MIN_VALUE;
    }

    /** A detector that has seen nothing yet. */
    public static SpikeDetector create(SpikeSettings settings) {
        return tuned(settings, SpikeModel.of(settings.sensitivity()));
    }

    static SpikeDetector tuned(SpikeSettings settings, SpikeModel model) {
        return new SpikeDetector(settings, model, new SlotProfile(24), new SlotProfile(HOURS_PER_WEEK),
                new RecentBuckets(spanBuckets(settings, model)));
    }

    /** A detector that continues exactly where the one whose {@link #state()} this is stopped. */
    public static SpikeDetector resume(SpikeState s) {
        Objects.requireNonNull(s, "state");
        SpikeModel model = SpikeModel.of(s.settings().sensitivity());
        SpikeDetector d = new SpikeDetector(s.settings(), model, new SlotProfile(s.dailyFactors(), s.dailySeen()),
                new SlotProfile(s.weeklyFactors(), s.weeklySeen()), new RecentBuckets(spanBuckets(s.settings(), model),
                s.recentCounts(), s.recentExpected(), s.recentVariances()));
        d.points = s.points();
        d.firstBucket = s.firstBucket();
        d.lastBucket = s.lastBucket();
        d.lastAlert = s.lastAlert();
        d.level = s.level();
        d.excessNoise = s.excessNoise();
        d.expectedSquare = s.expectedSquare();
        return d;
    }

    public SpikeState state() {
        return new SpikeState(settings, points, firstBucket, lastBucket, lastAlert, level, excessNoise, expectedSquare,
                daily.factors(), daily.seen(), weekly.factors(), weekly.seen(), recent.counts(), recent.expected(),
                recent.variances());
    }

    public SpikeSettings settings() {
        return settings;
    }

    /**
     * Takes the count of the bucket starting at {@code bucketStart} (buckets in increasing order; a missing bucket
     * is simply not seen) and says whether it is a spike.
     */
    public SpikeResult observe(Instant bucketStart, long count) {
        long t = bucketStart.toEpochMilli();
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        if (points > 0 && t <= lastBucket) {
            throw new IllegalArgumentException("bucket " + bucketStart + " is not after the last one, "
                    + Instant.ofEpochMilli(lastBucket));
        }
        if (points > 0 && t - lastBucket > bucketMillis * 2) {
            recent.clear();
        }
        if (points == 0) {
            firstBucket = t;
        }
        int hourOfWeek = hourOfWeek(bucketStart, t);
        int hourOfDay = hourOfWeek % 24;
        double dayFactor = daily.factor(hourOfDay);
        double weekFactor = weeklyFactor(hourOfWeek);
        double seasonal = seasonal(dayFactor, weekFactor);
        double mu = points == 0 ? Math.max(count, MIN_EXPECTED) : Math.max(level * seasonal, MIN_EXPECTED);
        double variance = mu + dispersion() * mu * mu;
        recent.add(count, mu, variance);

        double single = (count - mu) / Math.sqrt(variance + 1);
        double several = (recent.countSum() - recent.expectedSum()) / Math.sqrt(recent.varianceSum() + 1);
        boolean wave = unusual(single, count, mu) || unusual(several, recent.countSum(), recent.expectedSum());
        boolean alert = wave && t - firstBucket >= model.warmup().toMillis() && !coolingDown(t);
        if (alert) {
            lastAlert = t;
        }
        learn(count, mu, variance, hourOfDay, hourOfWeek, dayFactor, weekFactor);
        lastBucket = t;
        points++;
        return new SpikeResult(bucketStart, count, alert, mu, count / mu, Math.max(single, several),
                SlotLabels.usual(label(hourOfDay, hourOfWeek)));
    }

    private boolean unusual(double surprise, double count, double expected) {
        return surprise >= model.threshold() && count >= model.minRatio() * expected
                && count - expected >= model.minExcess();
    }

    private boolean coolingDown(long t) {
        return lastAlert != Long.MIN_VALUE && t - lastAlert < settings.cooldown().toMillis();
    }

    private void learn(long count, double mu, double variance, int hourOfDay, int hourOfWeek, double dayFactor,
                       double weekFactor) {
        double x = Math.min(count, mu + model.clip() * Math.sqrt(variance + 1));
        if (points == 0) {
            level = x;
            return;
        }
        if (level > MIN_EXPECTED) {
            daily.learn(hourOfDay, ratio(x, level * weekFactor), dailyAlpha);
            weekly.learn(hourOfWeek, ratio(x, level * dayFactor), weeklyAlpha);
        }
        double a = Math.max(levelAlpha, 1.0 / (points + 1));
        double seasonal = seasonal(dayFactor, weekFactor);
        level += a * Math.min(seasonal, 1.0) * (x / seasonal - level);
        double n = Math.max(noiseAlpha, 1.0 / (points + 1));
        excessNoise += n * ((x - mu) * (x - mu) - mu - excessNoise);
        expectedSquare += n * (mu * mu - expectedSquare);
    }

    /** The seasonal factor a bucket's normal stands on: the day's times the week's, never quite zero. */
    private static double seasonal(double dayFactor, double weekFactor) {
        return Math.max(dayFactor * weekFactor, MIN_FACTOR);
    }

    /** A count's ratio to a normal, kept within what a seasonal factor can sensibly be. */
    private static double ratio(double x, double normal) {
        return Math.min(MAX_FACTOR, x / Math.max(normal, MIN_EXPECTED));
    }

    /** Overdispersion φ of the negative binomial, from the moments seen; 0.1 until there is something to go on. */
    private double dispersion() {
        if (points < 2L * bucketsPerHour || expectedSquare <= 0) {
            return 0.1;
        }
        return Math.min(2.0, Math.max(0.01, excessNoise / expectedSquare));
    }

    /** The hour-of-week factor, trusted in proportion to the weeks of it seen (fully after two). */
    private double weeklyFactor(int hourOfWeek) {
        double weeks = weekly.seen(hourOfWeek) / (double) bucketsPerHour;
        double trust = Math.min(1.0, weeks / 2.0);
        return 1.0 + (weekly.factor(hourOfWeek) - 1.0) * trust;
    }

    /** Which rhythm the expected count stood on: the hour of the week, the hour of the day, or neither yet. */
    private int label(int hourOfDay, int hourOfWeek) {
        if (weekly.seen(hourOfWeek) >= bucketsPerHour) {
            return hourOfWeek;
        }
        if (daily.seen(hourOfDay) >= bucketsPerHour) {
            return HOURS_PER_WEEK + hourOfDay;
        }
        return SlotLabels.NO_RHYTHM;
    }

    private int hourOfWeek(Instant at, long millis) {
        ZoneOffset offset = zone.getOffset(at);
        long local = millis + offset.getTotalSeconds() * 1000L;
        long hours = Math.floorDiv(local, 3_600_000L);
        // 1970-01-01 was a Thursday: shift so that Monday 00:00 is slot 0
        return (int) Math.floorMod(hours + 3 * 24, (long) HOURS_PER_WEEK);
    }

    private static int spanBuckets(SpikeSettings settings, SpikeModel model) {
        return (int) Math.max(1, Math.min(120, model.span().toMillis() / settings.bucket().toMillis()));
    }

    private static double alpha(double halfLifeInSteps) {
        return 1 - Math.pow(0.5, 1 / Math.max(1.0, halfLifeInSteps));
    }
}
