package io.earshot.classify.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of token phrases ("not working", "cant log in", "down ?") matched against {@link Tokens}, indexed by
 * first token. A phrase does not match when its first word is inside a negation scope ("no crashes" is
 * not a crash report). Immutable.
 */
public final class PhraseSet {
    private final Map<String, List<String[]>> byFirst;

    PhraseSet(String... phrases) {
        Map<String, List<String[]>> map = new HashMap<>();
        for (String phrase : phrases) {
            String[] parts = phrase.trim().split("\\s+");
            map.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts);
        }
        this.byFirst = Map.copyOf(map);
    }

    /** Every "head verb" phrase: heads {"cant", "unable to"} and verbs {"play"} give "cant play" and "unable to play". */
    static String[] combinations(String[] heads, String[] verbs) {
        List<String> phrases = new ArrayList<>();
        for (String head : heads) {
            for (String verb : verbs) {
                phrases.add(head + " " + verb);
            }
        }
        return phrases.toArray(String[]::new);
    }

    /** One set of all these phrases, matched in one pass. */
    static PhraseSet union(String[] some, String[] more) {
        String[] all = java.util.Arrays.copyOf(some, some.length + more.length);
        System.arraycopy(more, 0, all, some.length, more.length);
        return new PhraseSet(all);
    }

    boolean matches(Tokens t) {
        for (int i = 0; i < t.size; i++) {
            List<String[]> candidates = byFirst.get(t.tokens[i]);
            if (candidates == null || t.negated[i]) {
                continue;
            }
            for (String[] phrase : candidates) {
                if (matchesAt(t, i, phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(Tokens t, int i, String[] phrase) {
        if (i + phrase.length > t.size) {
            return false;
        }
        for (int k = 1; k < phrase.length; k++) {
            if (!phrase[k].equals(t.tokens[i + k])) {
                return false;
            }
        }
        return true;
    }
}
