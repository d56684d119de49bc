package io.earshot.listening.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Every topic's query compiled into one Aho-Corasick automaton over all their words, phrases, #tags and @handles:
 * a message's text is read once, whatever the number of topics, and only the topics whose literals occur in it
 * (and those whose query can match without any, such as {@code sentiment:negative}) have their query tested.
 */
public final class TopicMatcher {

    private final Trie trie;
    private final Map<String, long[]> topicsByLiteral;
    private final Map<Long, Expr> queries;
    private final List<Long> alwaysTested;

    public TopicMatcher(Map<Long, Expr> queries) {
        this.queries = new LinkedHashMap<>(queries);
        Map<String, List<Long>> byLiteral = new HashMap<>();
        List<Long> always = new ArrayList<>();
        queries.forEach((id, e) -> {
            for (String literal : QueryParser.allLiterals(e)) {
                byLiteral.computeIfAbsent(literal, k -> new ArrayList<>()).add(id);
            }
            if (e.withoutLiterals() != Expr.Maybe.NO) {
                always.add(id);
            }
        });
        this.topicsByLiteral = new HashMap<>();
        byLiteral.forEach((k, v) -> topicsByLiteral.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        this.alwaysTested = List.copyOf(always);
        this.trie = Trie.builder().addKeywords(byLiteral.keySet()).build(); // whole words checked below, digits too
    }

    public int size() {
        return queries.size();
    }

    /** Whether {@code text[start..end]} stands on its own: no letter or digit runs on either side. */
    private static boolean wholeWord(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(end + 1)));
    }

    /** The topics the message is about, in no particular order. */
    public List<Long> match(String text, String channel, String language, String sentiment, String intent) {
        if (queries.isEmpty()) {
            return List.of();
        }
        Set<String> found = new HashSet<>();
        if (text != null && !topicsByLiteral.isEmpty()) {
            String normal = QueryParser.normalise(text);
            for (Emit emit : trie.parseText(normal)) {
                if (wholeWord(normal, emit.getStart(), emit.getEnd())) {
                    found.add(emit.getKeyword());
                }
            }
        }
        Set<Long> candidates = new HashSet<>(alwaysTested);
        for (String literal : found) {
            for (long id : topicsByLiteral.get(literal)) {
                candidates.add(id);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        MessageFacts facts = new MessageFacts(found, channel, language, sentiment, intent);
        List<Long> out = new ArrayList<>();
        for (Long id : candidates) {
            if (queries.get(id).test(facts)) {
                out.add(id);
            }
        }
        return out;
    }
}
