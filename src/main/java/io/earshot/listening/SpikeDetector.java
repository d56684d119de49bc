package io.earshot.listening;

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
 * exponentially weighted mean of the deseasonalised counts, and each factor a weighted mean of the ratio of counts
 * to the level in that hour (the weekly one counts for more as weeks of it are seen). What is learned is clipped at
 * expected + 3σ, so a wave does not teach the detector that waves are normal. Count noise is negative-binomial:
 * variance {@code μ + φμ²} with the overdispersion φ estimated from the series.
 *
 * <p>The <em>wave surprise</em> is the exponentially weighted sum (half-life 3 hours) of the counts above normal,
 * in standard deviations of that sum's count noise. It is judged against the series' own history of wave surprises
 * (their exponentially weighted mean and spread over weeks, the spread never taken as less than
 * {@link SpikeModel#minSpread()}): a bucket alerts when its wave surprise is {@code threshold} spreads above the usual
 * one. So one default serves a quiet and a busy series, a steady one and one whose bursts are routine: what counts
 * is how unusual the wave is for that series. After an alert the detector stays quiet for the cooldown. Not
 * thread-safe: one detector per series.
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
    private final double waveAlpha;
    private final double historyAlpha;
    private final int bucketsPerHour;
    private final SlotProfile daily;
    private final SlotProfile weekly;
    private long points;
    private long firstBucket;
    private long lastBucket;
    private long lastAlert;
    private double level;
    private double excessNoise;
    private double expectedSquare;
    private double waveExcess;
    private double waveVariance;
    private long surprisesSeen;
    private double surpriseMean;
    private double surpriseVariance;

    private SpikeDetector(SpikeSettings settings, SpikeModel model, SlotProfile daily, SlotProfile weekly) {
        this.settings = settings;
        this.model = model;
        this.zone = settings.zone().getRules();
        this.bucketMillis = settings.bucket().toMillis();
        this.bucketsPerHour = (int) Math.max(1, Duration.ofHours(1).toMillis() / bucketMillis);
        this.levelAlpha = alpha(model.levelHalfLife().toMillis() / (double) bucketMillis);
        this.dailyAlpha = alpha(model.dailyHalfLife() * bucketsPerHour);
        this.weeklyAlpha = alpha(model.weeklyHalfLife() * bucketsPerHour);
        this.noiseAlpha = alpha(model.dispersionHalfLife() * 24 * bucketsPerHour);
        this.waveAlpha = alpha(model.span().toMillis() / (double) bucketMillis);
        this.historyAlpha = alpha(model.history().toMillis() / (double) bucketMillis);
        this.daily = daily;
        this.weekly = weekly;
        this.lastAlert = Long.MIN_VALUE;
    }

    /** A detector that has seen nothing yet. */
    public static SpikeDetector create(SpikeSettings settings) {
        return tuned(settings, SpikeModel.of(settings.sensitivity()));
    }

    static SpikeDetector tuned(SpikeSettings settings, SpikeModel model) {
        return new SpikeDetector(settings, model, new SlotProfile(24), new SlotProfile(HOURS_PER_WEEK));
    }

    /** A detector that continues exactly where the one whose {@link #state()} this is stopped. */
    public static SpikeDetector resume(SpikeState s) {
        Objects.requireNonNull(s, "state");
        SpikeModel model = SpikeModel.of(s.settings().sensitivity());
        SpikeDetector d = new SpikeDetector(s.settings(), model, new SlotProfile(s.dailyFactors(), s.dailySeen()),
                new SlotProfile(s.weeklyFactors(), s.weeklySeen()));
        d.points = s.points();
        d.firstBucket = s.firstBucket();
        d.lastBucket = s.lastBucket();
        d.lastAlert = s.lastAlert();
        d.level = s.level();
        d.excessNoise = s.excessNoise();
        d.expectedSquare = s.expectedSquare();
        d.waveExcess = s.waveExcess();
        d.waveVariance = s.waveVariance();
        d.surprisesSeen = s.surprisesSeen();
        d.surpriseMean = s.surpriseMean();
        d.surpriseVariance = s.surpriseVariance();
        return d;
    }

    public SpikeState state() {
        return new SpikeState(settings, points, firstBucket, lastBucket, lastAlert, level, excessNoise, expectedSquare,
                daily.factors(), daily.seen(), weekly.factors(), weekly.seen(), waveExcess, waveVariance, surprisesSeen, surpriseMean, surpriseVariance);
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
        if (points > 0 && t - lastBucket > bucketMillis) {
            // buckets not seen: the wave's sum forgets as if they had passed at the normal level
            double keep = Math.pow(1 - waveAlpha, (t - lastBucket) / (double) bucketMillis - 1);
            waveExcess *= keep;
            waveVariance *= keep * keep;
        }
        if (points == 0) {
            firstBucket = t;
        }
        int hourOfWeek = hourOfWeek(bucketStart, t);
        int hourOfDay = hourOfWeek % 24;
        double dayFactor = daily.factor(hourOfDay);
        double weekFactor = weeklyFactor(hourOfWeek);
        double seasonal = Math.max(dayFactor * weekFactor, MIN_FACTOR);
        double mu = points == 0 ? Math.max(count, MIN_EXPECTED) : Math.max(level * seasonal, MIN_EXPECTED);
        double variance = mu + dispersion() * mu * mu;

        waveExcess += waveAlpha * (count - mu - waveExcess);
        waveVariance = (1 - waveAlpha) * (1 - waveAlpha) * waveVariance + waveAlpha * waveAlpha * variance;
        // in standard deviations of the weighted sum's count noise (plus one count, as a quiet series needs)
        double wave = waveExcess / Math.sqrt(waveVariance + waveAlpha * waveAlpha);
        double waveSurprise = (wave - surpriseMean) / Math.max(model.minSpread(), Math.sqrt(surpriseVariance));
        boolean alert = surprisesSeen > 0 && waveSurprise >= model.threshold()
                && t - firstBucket >= model.warmup().toMillis() && !coolingDown(t);
        if (alert) {
            lastAlert = t;
        }
        learnSurprise(wave);
        learn(count, mu, variance, hourOfDay, hourOfWeek, dayFactor, weekFactor);
        lastBucket = t;
        points++;
        return new SpikeResult(bucketStart, count, alert, mu, count / mu, waveSurprise,
                SlotLabels.usual(label(hourOfDay, hourOfWeek)));
    }

    /** The series' own distribution of wave surprises: an exponentially weighted mean and variance. */
    private void learnSurprise(double wave) {
        surprisesSeen++;
        double b = Math.max(historyAlpha, 1.0 / surprisesSeen);
        double d = wave - surpriseMean;
        surpriseMean += b * d;
        surpriseVariance = (1 - b) * (surpriseVariance + b * d * d);
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
        level += a * (x / Math.max(dayFactor * weekFactor, MIN_FACTOR) - level);
        double n = Math.max(noiseAlpha, 1.0 / (points + 1));
        excessNoise += n * ((x - mu) * (x - mu) - mu - excessNoise);
        expectedSquare += n * (mu * mu - expectedSquare);
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

    private static double alpha(double halfLifeInSteps) {
        return 1 - Math.pow(0.5, 1 / Math.max(1.0, halfLifeInSteps));
    }
}
