package io.earshot.platform;

/**
 * What PostgreSQL's text can hold: no NUL, and only whole UTF-16 pairs (a JSON {@code "\ud800"} escape decodes to a
 * lone surrogate, which has no UTF-8 form).
 */
public final class Texts {

    private Texts() {
    }

    /** Why {@code s} cannot be stored as it is, worded after a field name; null when it can. */
    public static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return "must be valid Unicode (it holds half of a surrogate pair)";
                }
            }
        }
        return null;
    }

    /** {@code s} with every NUL and unpaired surrogate replaced by U+FFFD, so a customer's words are never lost. */
    public static String storable(String s) {
        if (problem(s) == null) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                out.append('\uFFFD');
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
