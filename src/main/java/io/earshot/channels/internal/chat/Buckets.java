package io.earshot.channels.internal.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets in memory, one per key (a visitor, an address): {@code capacity} takes per {@code window}, refilled
 * evenly. Per instance: behind a load balancer the limits hold per instance, which is what they are for (a flood
 * from one browser or one address does not drown the desk).
 */
final class Buckets {

    /** Above this many keys, full buckets (idle keys) are dropped so memory stays bounded. */
    private static final int SWEEP_ABOVE = 50_000;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int capacity;
    private final long millisPerToken;

    Buckets(Clock clock, int capacity, Duration window) {
        this.clock = clock;
        this.capacity = capacity;
        this.millisPerToken = Math.max(1, window.toMillis() / Math.max(1, capacity));
    }

    /** Takes one from {@code key}'s bucket: 0 when it was there, else the seconds until one will be. */
    long take(String key) {
        long now = clock.millis();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> b.fullAt(now, capacity, millisPerToken));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now, capacity, millisPerToken);
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.at = now;
        }

        synchronized long take(long now, int capacity, long millisPerToken) {
            refill(now, capacity, millisPerToken);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * millisPerToken / 1000.0));
        }

        synchronized boolean fullAt(long now, int capacity, long millisPerToken) {
            refill(now, capacity, millisPerToken);
            return tokens >= capacity;
        }

        private void refill(long now, int capacity, long millisPerToken) {
            if (now > at) {
                tokens = Math.min(capacity, tokens + (double) (now - at) / millisPerToken);
                at = now;
            }
        }
    }
}
