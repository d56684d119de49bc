package io.earshot.listening.internal;

import java.util.Arrays;

/**
 * Seasonal factors, one per slot (hour of the day, or of the week), each an exponentially weighted mean of the
 * ratio of the count to the level, with how many buckets it has seen. Factors are read relative to the mean over
 * all slots so that they multiply the level without moving it.
 */
public final class SlotProfile {

    private final double[] factors;
    private final int[] seen;
    private double sum;

    public SlotProfile(int slots) {
        this(filled(slots), new int[slots]);
    }

    public SlotProfile(double[] factors, int[] seen) {
        if (factors.length != seen.length || factors.length == 0) {
            throw new IllegalArgumentException("factors and seen must have the same, non-zero length");
        }
        this.factors = factors.clone();
        this.seen = seen.clone();
        this.sum = total();
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    private double total() {
        double t = 0;
        for (double f : factors) {
            t += f;
        }
        return t;
    }

    /** The slot's factor relative to the mean of all slots (1 until learned). */
    public double factor(int slot) {
        double mean = sum / factors.length;
        return mean > 0 ? factors[slot] / mean : 1.0;
    }

    public int seen(int slot) {
        return seen[slot];
    }

    /** Moves the slot's factor toward {@code ratio}; the first observations weigh as a plain mean would. */
    public void learn(int slot, double ratio, double alpha) {
        int n = ++seen[slot];
        double a = Math.max(alpha, 1.0 / n);
        factors[slot] += a * (ratio - factors[slot]);
        sum = total(); // recomputed, not accumulated, so that a profile rebuilt from its factors reads the same
        if (n == Integer.MAX_VALUE) {
            seen[slot] = Integer.MAX_VALUE / 2;
        }
    }

    public double[] factors() {
        return factors.clone();
    }

    public int[] seen() {
        return seen.clone();
    }
}
