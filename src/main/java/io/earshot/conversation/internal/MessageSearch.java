package io.earshot.conversation.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What someone typed into the search box, as a PostgreSQL text-search query over the words index (V12): every word
 * must appear, each as the start of a word ("refun" finds "refund" and "refunds"). Characters that mean something
 * to a tsquery are dropped, so no input can make a malformed query. Pure.
 */
public final class MessageSearch {

    /** Longest search taken; more is cut off (a search box, not a document). */
    static final int MAX_CHARS = 500;

    private MessageSearch() {
    }

    /** The tsquery text for {@code q}, or null when it holds no word at all. */
    public static String tsquery(String q) {
        String text = q.length() > MAX_CHARS ? q.substring(0, MAX_CHARS) : q;
        List<String> terms = new ArrayList<>();
        for (String raw : text.trim().split("\\s+")) {
            StringBuilder word = new StringBuilder(raw.length());
            raw.codePoints().filter(cp -> Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.' || cp == '@')
                    .forEach(word::appendCodePoint);
            String w = word.toString().replaceAll("^[-_.@]+|[-_.@]+$", "");
            if (!w.isEmpty()) {
                terms.add("'" + w + "':*");
            }
        }
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }
}
