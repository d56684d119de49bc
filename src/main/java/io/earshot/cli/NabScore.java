package io.earshot.cli;

import java.util.List;

/**
 * The Numenta Anomaly Benchmark's scoring, written from its published description (NAB v1.1 README and its
 * sweeper): each labelled anomaly has a window; the earliest detection in a window earns
 * {@code tpWeight · σ(position) / σ(window start)} where {@code σ(p) = 2/(1+e^{5p}) − 1} and the position runs from −1
 * at the window's first point to 0 just past its last; later detections in the same window count for nothing; a
 * detection outside every window costs {@code fpWeight · σ(distance past the last window / its width − 1)} (a
 * full fpWeight before any window or three widths after one); a window with no detection costs fnWeight. The
 * first {@code min(15% of the points, 750)} points are probationary: neither their detections nor their windows
 * count. A category is normalised so that the null detector scores 0 and a perfect one 100.
 */
public final class NabScore {

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private NabScore() {
    }

    /** A scoring profile, as in NAB's profiles.json. */
    public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {

        public static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
        public static final Profile REWARD_LOW_FP = new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0);
        public static final Profile REWARD_LOW_FN = new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    }

    /** A labelled window, from its first to its last point (indices into the series, inclusive). */
    public record Window(int first, int last) {

        public Window {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("a window runs from a first to a not earlier last point");
            }
        }

        int width() {
            return last - first + 1;
        }
    }

    /**
     * One series scored under one profile: its raw score, what the null and a perfect detector get, the windows
     * that counted and were detected, the false positives, and for each detected window how many points after its
     * first the earliest detection came.
     */
    public record Result(double raw, double nullRaw, double perfectRaw, int windows, int detected, int falsePositives,
                         List<Integer> delays) {

        /** The series on its own, normalised: null 0, perfect 100. */
        public double normalised() {
            return normalise(List.of(this));
        }
    }

    /** NAB's scaled sigmoid of a relative position: 0.987 at −1, 0 at 0, −0.987 at 1, −1 beyond 3. */
    static double scaledSigmoid(double position) {
        if (position > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
    }

    /** NAB's probationary length: 15% of the series, at most 750 points (15% of 5,000). */
    public static int probationaryLength(int points) {
        return (int) Math.min(Math.floor(0.15 * points), 0.15 * 5000);
    }

    /** Scores detections (one flag per point) against windows (in order, not overlapping) under a profile. */
    public static Result score(boolean[] detections, List<Window> windows, Profile profile) {
        int probation = probationaryLength(detections.length);
        double fp = 0;
        double tp = 0;
        int counted = 0;
        int detected = 0;
        int falsePositives = 0;
        List<Integer> delays = new java.util.ArrayList<>();
        int w = 0;
        int hit = -1;
        Window previous = null;
        for (int i = 0; i < detections.length; i++) {
            while (w < windows.size() && windows.get(w).last() < i) {
                previous = windows.get(w++);
            }
            Window in = w < windows.size() && windows.get(w).first() <= i ? windows.get(w) : null;
            if (in != null && i == Math.max(in.first(), probation)) {
                counted++;
            }
            if (!detections[i] || i < probation) {
                continue;
            }
            if (in == null) {
                falsePositives++;
                double unweighted = previous == null ? -1.0
                        : scaledSigmoid(Math.abs(previous.last() - i) / (double) (previous.width() - 1));
                fp += unweighted * profile.fpWeight();
            } else if (hit != w) {
                hit = w;
                detected++;
                delays.add(i - in.first());
                double position = -(in.last() - i + 1) / (double) in.width();
                tp += scaledSigmoid(position) * profile.tpWeight() / MAX_TP;
            }
        }
        double raw = tp + fp - (counted - detected) * profile.fnWeight();
        return new Result(raw, -counted * profile.fnWeight(), counted * profile.tpWeight(), counted, detected,
                falsePositives, List.copyOf(delays));
    }

    /** A category's score: 100 · (Σ raw − Σ null) / (Σ perfect − Σ null), so null is 0 and perfect 100. */
    public static double normalise(List<Result> results) {
        double raw = 0;
        double none = 0;
        double perfect = 0;
        for (Result r : results) {
            raw += r.raw();
            none += r.nullRaw();
            perfect += r.perfectRaw();
        }
        return perfect == none ? 0.0 : 100.0 * (raw - none) / (perfect - none);
    }
}
