package io.earshot.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied to every incoming message item.
 *
 * @param maxTextChars  the longest {@code text} accepted, counted in Unicode code points
 * @param maxClockSkew  how far ahead of the server clock a {@code createdAt} may be and still count as clock skew
 */
public record IngestLimits(int maxTextChars, Duration maxClockSkew) {

    public static final int DEFAULT_MAX_TEXT_CHARS = 20_000;
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public IngestLimits {
        if (maxTextChars <= 0) {
            throw new IllegalArgumentException("maxTextChars must be positive, got " + maxTextChars);
        }
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must not be negative, got " + maxClockSkew);
        }
    }

    /** 20,000 characters of text and 5 minutes of clock skew. */
    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_CLOCK_SKEW);
    }
}
