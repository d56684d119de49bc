package io.earshot.platform;

import java.util.Optional;

/**
 * Ids are positive 64-bit numbers inside and strings on the wire. Anything else a client sends where an id belongs
 * (a sign, a letter, 20 digits, a number past {@link Long#MAX_VALUE}) is simply not one of ours: the caller answers
 * 404 for a path and 400 naming the field for a body or query parameter, never an overflow.
 */
public final class Ids {

    private static final String MAX = Long.toString(Long.MAX_VALUE);

    private Ids() {
    }

    /** The id in {@code value}, or empty when it is not one of ours (so the caller answers 404). */
    public static Optional<Long> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX.length()) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        if (value.length() == MAX.length() && value.compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value));
    }

    /** The id in a path: 404 naming {@code what} when it is not one. */
    public static long require(String value, String what) {
        return parse(value).orElseThrow(() -> EarshotException.notFound(what, shown(value)));
    }

    /** The id in a body field or query parameter: 400 naming {@code field} when it is not one; null stays null. */
    public static Long field(String value, String field) {
        if (value == null) {
            return null;
        }
        return parse(value).orElseThrow(() -> EarshotException.invalid(field, field + " must be an id (digits, as Earshot gave it)"));
    }

    public static String str(Long id) {
        return id == null ? null : Long.toString(id);
    }

    /** A client's value echoed in a message: at most 40 characters, control characters dropped. */
    public static String shown(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
