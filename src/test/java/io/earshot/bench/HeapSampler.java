package io.earshot.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap every few milliseconds on a daemon thread and keeps the highest value seen. */
final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long gcCountAtReset;
    private long gcMillisAtReset;

    HeapSampler(long periodMillis) {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
    }

    /** Starts a new measurement: the peak is the heap in use now, GC counters restart. */
    void reset() {
        peak.set(memory.getHeapMemoryUsage().getUsed());
        gcCountAtReset = gcCount();
        gcMillisAtReset = gcMillis();
    }

    long peakBytes() {
        sample();
        return peak.get();
    }

    long maxBytes() {
        return memory.getHeapMemoryUsage().getMax();
    }

    long gcCountSinceReset() {
        return gcCount() - gcCountAtReset;
    }

    long gcMillisSinceReset() {
        return gcMillis() - gcMillisAtReset;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
