package io.earshot.api;

import io.earshot.platform.EarshotException;
import tools.jackson.databind.JsonNode;

/** Reading fields of small JSON request bodies, naming the field when it is wrong. */
final class Bodies {

    private Bodies() {
    }

    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new EarshotException(400, "unreadable", "the request body must be a JSON object", null);
        }
        return body;
    }

    static String text(JsonNode body, String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw EarshotException.invalid(field, field + " is required");
            }
            return null;
        }
        if (!v.isString()) {
            throw EarshotException.invalid(field, field + " must be a string");
        }
        String s = v.asString();
        if (s.indexOf('\u0000') >= 0) {
            throw EarshotException.invalid(field, field + " must not contain the NUL character");
        }
        if (required && s.isBlank()) {
            throw EarshotException.invalid(field, field + " must not be blank");
        }
        if (s.length() > max) {
            throw EarshotException.invalid(field, field + " is longer than " + max + " characters");
        }
        return s;
    }

    static String id(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString() || v.isIntegralNumber()) {
            return v.asString();
        }
        throw EarshotException.invalid(field, field + " must be an id (a string)");
    }

    /** An ISO-8601 instant with an offset, from 1970 to 2999, such as 2031-05-05T10:00:00Z; the field is named otherwise. */
    static java.time.Instant instant(String field, String value) {
        return io.earshot.platform.Instants.require(field, value);
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw EarshotException.invalid(field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    /** A list of strings; a single string counts as a list of one. */
    static java.util.List<String> strings(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw EarshotException.invalid(field, field + " is required");
            }
            return java.util.List.of();
        }
        if (v.isString()) {
            return java.util.List.of(v.asString().trim());
        }
        if (!v.isArray()) {
            throw EarshotException.invalid(field, field + " must be a list of strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString() || e.asString().isBlank() || e.asString().length() > 100 || e.asString().indexOf('\u0000') >= 0) {
                throw EarshotException.invalid(field, field + " must be a list of short, non-blank strings");
            }
            out.add(e.asString().trim());
        }
        if (out.size() > 50) {
            throw EarshotException.invalid(field, field + " takes at most 50 entries");
        }
        return out;
    }

    /** A whole number, or null when absent. */
    static Long number(JsonNode body, String field, long min, long max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw EarshotException.invalid(field, field + " must be a whole number from " + min + " to " + max);
        }
        return v.longValue();
    }

    /** A duration such as "1h", "30m", "2d" or "PT1H"; required. */
    static java.time.Duration duration(JsonNode body, String field) {
        String text = text(body, field, true, 40);
        try {
            java.time.Duration d = org.springframework.boot.convert.DurationStyle.detectAndParse(text.trim());
            if (d.isNegative() || d.isZero() || d.compareTo(java.time.Duration.ofDays(366)) > 0) {
                throw EarshotException.invalid(field, field + " must be more than zero and at most a year");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw EarshotException.invalid(field, field + " must be a duration such as 1h, 30m, 2d or PT1H");
        }
    }
}
