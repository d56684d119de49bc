package io.earshot.listening.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words that stand out in a spike: said in more of the spike's messages than the day before would lead one to
 * expect (messages containing the word in the spike, against its share of the earlier messages; smoothed so a word
 * never seen before needs at least two messages). Stop words and the topic's own terms are left out.
 */
final class TopWords {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*[\\p{L}\\p{N}]|#[\\p{L}\\p{N}_]+");
    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "you", "your", "are", "was", "were", "this", "that", "with", "have", "has", "had", "not",
            "but", "our", "out", "all", "any", "can", "get", "got", "just", "from", "they", "them", "their", "there", "what",
            "when", "why", "how", "who", "will", "would", "could", "should", "about", "again", "still", "been", "being", "its",
            "it's", "i'm", "im", "don't", "dont", "can't", "cant", "didn't", "won't", "one", "now", "today", "yet", "then",
            "than", "too", "very", "really", "also", "into", "over", "only", "some", "more", "most", "much", "even", "here",
            "ever", "every", "please", "thanks", "thank", "hey", "hello", "via", "amp", "http", "https", "www", "com",
            "der", "die", "das", "und", "ist", "nicht", "les", "des", "est", "pas", "que", "los", "las", "por", "una", "con");

    private TopWords() {
    }

    static List<String> of(Collection<String> spike, Collection<String> before, Collection<String> topicTerms, int limit) {
        Set<String> skip = new HashSet<>();
        topicTerms.forEach(t -> skip.addAll(List.of(t.toLowerCase(Locale.ROOT).replaceAll("(^|\\s)[#@]", "$1").split(" "))));
        Map<String, Integer> now = documentCounts(spike, skip);
        Map<String, Integer> earlier = documentCounts(before, skip);
        double scale = (spike.size() + 1.0) / (before.size() + 1.0);
        return now.entrySet().stream()
                .filter(e -> e.getValue() >= 2 || spike.size() < 4)
                .sorted((a, b) -> {
                    double sa = lift(a.getValue(), earlier.getOrDefault(a.getKey(), 0), scale);
                    double sb = lift(b.getValue(), earlier.getOrDefault(b.getKey(), 0), scale);
                    return sa != sb ? Double.compare(sb, sa) : a.getKey().compareTo(b.getKey());
                })
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private static double lift(int inSpike, int before, double scale) {
        return inSpike * Math.log1p(inSpike / (1.0 + before * scale));
    }

    private static Map<String, Integer> documentCounts(Collection<String> texts, Set<String> skip) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            Set<String> seen = new HashSet<>();
            Matcher m = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                String w = m.group();
                if (w.length() >= 3 && !STOP.contains(w) && !skip.contains(w) && !w.chars().allMatch(Character::isDigit)) {
                    seen.add(w);
                }
            }
            seen.forEach(w -> counts.merge(w, 1, Integer::sum));
        }
        return counts;
    }
}
