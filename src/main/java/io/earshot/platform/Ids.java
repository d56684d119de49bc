package io.earshot.platform;

import java.util.Optional;

/** Ids are numbers inside and strings on the wire. */
public final class Ids {

    private Ids() {
    }

    /** The id in {@code value}, or empty when it is not one of ours (so the caller answers 404). */
    public static Optional<Long> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 19) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(value));
    }

    public static long require(String value, String what) {
        return parse(value).orElseThrow(() -> EarshotException.notFound(what, value));
    }

    public static String str(Long id) {
        return id == null ? null : Long.toString(id);
    }
}
