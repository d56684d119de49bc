package io.earshot.bench;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** Times repeated calls; each call gets its run number so callers can vary parameters and defeat result caches. */
final class Timing {

    private Timing() {
    }

    /** Warms up with {@code warmups} calls, then returns the sorted durations of {@code runs} calls, in nanoseconds. */
    static long[] sorted(int warmups, int runs, IntConsumer call) {
        for (int i = 0; i < warmups; i++) {
            call.accept(runs + i);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }
}
