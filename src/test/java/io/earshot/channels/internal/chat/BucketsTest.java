package io.earshot.channels.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BucketsTest {

    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBucketGivesItsCapacityThenRefillsEvenlyPerKey() {
        Moving clock = new Moving();
        Buckets buckets = new Buckets(clock, 60, Duration.ofMinutes(1));
        for (int i = 0; i < 60; i++) {
            assertThat(buckets.take("10.0.0.1")).isZero();
        }
        assertThat(buckets.take("10.0.0.1")).as("seconds to wait").isEqualTo(1);
        assertThat(buckets.take("10.0.0.2")).as("another address has its own").isZero();
        clock.now = clock.now.plusSeconds(3);
        assertThat(buckets.take("10.0.0.1")).isZero();
        assertThat(buckets.take("10.0.0.1")).isZero();
        assertThat(buckets.take("10.0.0.1")).isZero();
        assertThat(buckets.take("10.0.0.1")).isEqualTo(1);
    }
}
