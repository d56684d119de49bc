package io.earshot.conversation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The spans a conversation's clocks stood still (waiting on the customer, or resolved before a reopen), oldest
 * first. Stored as {@code from-to,from-} in epoch milliseconds, the format the deadline planner reads; an open end
 * is a pause still going on. Immutable: every change returns a new value. It keeps its column text as it is, so
 * loading one costs no parsing.
 */
public final class SlaPauses {

    /** No pause; stored as null. */
    static final SlaPauses NONE = new SlaPauses("");

    /** Longer than this (the column holds 2000), the oldest spans are dropped: they no longer move a deadline. */
    static final int MAX_CHARS = 1900;

    /** One span; {@code to} is null while the pause goes on. */
    public record Span(long from, Long to) {
    }

    private final String text;

    private SlaPauses(String text) {
        this.text = text;
    }

    /** Reads the column's text; null or empty is {@link #NONE}. Refuses text that is not {@code from-to,from-}. */
    static SlaPauses parse(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        if (!wellFormed(text)) {
            throw new IllegalArgumentException("not SLA pauses (from-to,from-): '" + text + "'");
        }
        return new SlaPauses(text);
    }

    /** The column's text; null when there is no pause. */
    String format() {
        return text.isEmpty() ? null : text;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    /** True when the last pause has not ended. */
    boolean isPaused() {
        return text.endsWith("-");
    }

    /** The spans, oldest first. */
    List<Span> spans() {
        List<Span> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String span : text.split(",")) {
            int dash = span.indexOf('-');
            String end = span.substring(dash + 1);
            out.add(new Span(Long.parseLong(span.substring(0, dash)), end.isEmpty() ? null : Long.parseLong(end)));
        }
        return out;
    }

    /** A pause begins at {@code at} and goes on (the conversation went pending). */
    SlaPauses begin(long at) {
        return new SlaPauses(append(at + "-"));
    }

    /** Adds the ended span {@code from-to} (the time a conversation spent resolved before it reopened). */
    SlaPauses add(long from, long to) {
        return new SlaPauses(append(from + "-" + to)).trimmed();
    }

    /** Ends the pause that goes on, at {@code at} (never before it began); unchanged when none goes on. */
    SlaPauses end(long at) {
        if (!isPaused()) {
            return this;
        }
        int start = text.lastIndexOf(',') + 1;
        long from = Long.parseLong(text.substring(start, text.length() - 1));
        return new SlaPauses(text + Math.max(from, at)).trimmed();
    }

    private String append(String span) {
        return text.isEmpty() ? span : text + "," + span;
    }

    /** Keeps the newest spans within {@link #MAX_CHARS}. */
    private SlaPauses trimmed() {
        if (text.length() <= MAX_CHARS) {
            return this;
        }
        return new SlaPauses(text.substring(text.indexOf(',', text.length() - MAX_CHARS) + 1));
    }

    /** {@code digits-digits?} spans joined by commas (Earshot leaves only the last one open; the planner reads any). */
    private static boolean wellFormed(String text) {
        int i = 0;
        int n = text.length();
        while (true) {
            int digits = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == digits || i == n || text.charAt(i) != '-') {
                return false;
            }
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                return true;
            }
            if (text.charAt(i) != ',') {
                return false;
            }
            i++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaPauses other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "no pauses" : text;
    }
}
