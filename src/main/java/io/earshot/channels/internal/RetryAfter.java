package io.earshot.channels.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** An HTTP {@code Retry-After} header (seconds, or an HTTP date) as the time a provider allows the next call. */
public final class RetryAfter {

    /** The longest wait taken from a header: a day. */
    private static final long MAX_SECONDS = 86_400;

    private RetryAfter() {
    }

    /** When the header allows the next call, counted from {@code now}; empty when it is absent or unreadable. */
    public static Optional<Instant> at(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String v = header.get().strip();
        try {
            return Optional.of(now.plusSeconds(Math.max(0, Math.min(MAX_SECONDS, Long.parseLong(v)))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Instant latest = now.plusSeconds(MAX_SECONDS);
                return Optional.of(at.isAfter(latest) ? latest : at);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
