package io.earshot.cli;

import io.earshot.listening.SpikeDetector;
import io.earshot.listening.SpikeSettings;
import java.time.Duration;

/** Ways to flag the points of a NAB series: Earshot's detector, and the trivial baselines it is compared with. */
@FunctionalInterface
public interface SpikeRun {

    boolean[] alerts(NabSeries series);

    /** Earshot's {@link SpikeDetector} with the given settings, the bucket size taken from the series. */
    static SpikeRun detector(SpikeSettings settings) {
        return series -> {
            SpikeDetector d = SpikeDetector.create(new SpikeSettings(series.bucket(), settings.sensitivity(),
                    settings.cooldown(), settings.zone()));
            boolean[] out = new boolean[series.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = d.observe(series.times().get(i), series.values()[i]).alert();
            }
            return out;
        };
    }

    /** No detections at all: NAB's null detector, which must score 0. */
    static SpikeRun none() {
        return series -> new boolean[series.values().length];
    }

    /**
     * A static threshold: mean + 4 standard deviations of the probationary points, at most one alert per
     * {@code cooldown}.
     */
    static SpikeRun staticThreshold(Duration cooldown) {
        return series -> {
            long[] v = series.values();
            int n = Math.max(1, NabScore.probationaryLength(v.length));
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += v[i] / (double) n;
            }
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (v[i] - mean) * (v[i] - mean) / n;
            }
            double threshold = mean + 4 * Math.sqrt(var);
            long gap = Math.max(1, cooldown.toMillis() / series.bucket().toMillis());
            boolean[] out = new boolean[v.length];
            long last = Long.MIN_VALUE / 2;
            for (int i = 0; i < v.length; i++) {
                if (v[i] > threshold && i - last >= gap) {
                    out[i] = true;
                    last = i;
                }
            }
            return out;
        };
    }
}
