package io.earshot.listening.internal;

/** The last few buckets' counts, expected counts and variances, for the test of a wave that spans several. */
public final class RecentBuckets {

    private final long[] counts;
    private final double[] expected;
    private final double[] variances;
    private int size;
    private int next;

    public RecentBuckets(int capacity) {
        counts = new long[capacity];
        expected = new double[capacity];
        variances = new double[capacity];
    }

    /** Rebuilt from {@link #counts()}, {@link #expected()} and {@link #variances()}, oldest first. */
    public RecentBuckets(int capacity, long[] c, double[] e, double[] v) {
        this(capacity);
        for (int i = Math.max(0, c.length - capacity); i < c.length; i++) {
            add(c[i], e[i], v[i]);
        }
    }

    public void add(long count, double mean, double variance) {
        counts[next] = count;
        expected[next] = mean;
        variances[next] = variance;
        next = (next + 1) % counts.length;
        size = Math.min(size + 1, counts.length);
    }

    public void clear() {
        size = 0;
        next = 0;
    }

    public int size() {
        return size;
    }

    public long countSum() {
        long s = 0;
        for (int i = 0; i < size; i++) {
            s += counts[index(i)];
        }
        return s;
    }

    public double expectedSum() {
        return sum(expected);
    }

    public double varianceSum() {
        return sum(variances);
    }

    /** Oldest first, so that a window rebuilt from its state sums to exactly the same. */
    private double sum(double[] a) {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += a[index(i)];
        }
        return s;
    }

    public long[] counts() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = counts[index(i)];
        }
        return out;
    }

    public double[] expected() {
        return ordered(expected);
    }

    public double[] variances() {
        return ordered(variances);
    }

    private double[] ordered(double[] a) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = a[index(i)];
        }
        return out;
    }

    private int index(int i) {
        return (next - size + i + counts.length) % counts.length;
    }
}
