package io.earshot.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The instants Earshot accepts from clients: ISO-8601 with a zone offset, from 1970-01-01 up to (not including)
 * the year 3000. Instants are stored as epoch milliseconds (ADR 0002); this range keeps every sum and difference
 * Earshot makes of them far from overflow, and no message, deadline or report needs more.
 */
public final class Instants {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private Instants() {
    }

    /** The instant in {@code value}, or empty when it is not ISO-8601 with an offset or lies outside the range. */
    public static Optional<Instant> parse(String value) {
        if (value == null || value.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant())
                    .filter(Instants::inRange);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The instant in a field or parameter; 400 naming it when it is not one or out of range. */
    public static Instant require(String field, String value) {
        return parse(value).orElseThrow(() -> EarshotException.invalid(field, field
                + " must be an ISO-8601 instant with an offset, from 1970 to 2999, such as 2031-05-05T10:00:00Z"));
    }

    public static boolean inRange(Instant at) {
        return !at.isBefore(EARLIEST) && at.isBefore(LATEST);
    }
}
