package io.earshot.incidents.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How alike a customer's words are to an incident's complaint: TF-IDF cosine. The incident's profile is the set of
 * texts that put conversations in it for a reason other than likeness (a topic match, a spike, a lead's choice); a
 * text is scored against the centroid of the profile's TF-IDF vectors (each normalised first, so a long complaint
 * does not outweigh short ones), with inverse document frequencies taken over the profile and the scored texts
 * together, so words every message has (the brand's name) count for little. Words are lower-cased runs of letters
 * and digits of two or more characters, with common English function words left out. 1 is the same words in the same
 * proportions, 0 nothing in common; a profile of one text scores that text 1. Pure: no clock, no database.
 */
public final class Similarity {

    private static final Set<String> STOP = Set.of("the", "and", "for", "you", "your", "are", "was", "were", "with", "this",
            "that", "have", "has", "had", "but", "not", "our", "out", "all", "any", "can", "its", "it's", "from", "they",
            "them", "what", "when", "who", "why", "how", "just", "been", "will", "would", "there", "their", "about", "into",
            "than", "then", "too", "very", "is", "it", "to", "of", "in", "on", "at", "my", "me", "we", "us", "an", "or",
            "be", "so", "do", "no", "if", "as", "by", "up", "im", "i'm", "get", "got");

    private final List<Map<String, Double>> profile;
    private final Map<String, Double> idf;
    private final Map<String, Double> centroid;

    /** A profile of {@code complaints}, with word weights over them and {@code others} (the texts to be scored). */
    public Similarity(List<String> complaints, List<String> others) {
        List<Map<String, Integer>> counted = new ArrayList<>();
        complaints.forEach(t -> counted.add(counts(t)));
        Map<String, Integer> df = new HashMap<>();
        List<Map<String, Integer>> all = new ArrayList<>(counted);
        others.forEach(t -> all.add(counts(t)));
        all.forEach(c -> c.keySet().forEach(w -> df.merge(w, 1, Integer::sum)));
        int n = all.size();
        this.idf = new HashMap<>();
        df.forEach((w, d) -> idf.put(w, Math.log((1.0 + n) / (1.0 + d)) + 1.0));
        this.profile = counted.stream().map(this::vector).toList();
        this.centroid = new HashMap<>();
        profile.forEach(v -> v.forEach((w, x) -> centroid.merge(w, x / profile.size(), Double::sum)));
    }

    /** How alike {@code text} is to the profile, from 0 to 1. */
    public double score(String text) {
        return cosine(vector(counts(text)), centroid);
    }

    /** How alike the profile's own text {@code index} is to the rest of the profile (1 when it is the only one). */
    public double scoreMember(int index) {
        if (profile.size() == 1) {
            return 1.0;
        }
        Map<String, Double> rest = new HashMap<>();
        for (int i = 0; i < profile.size(); i++) {
            if (i != index) {
                profile.get(i).forEach((w, x) -> rest.merge(w, x, Double::sum));
            }
        }
        return cosine(profile.get(index), rest);
    }

    private Map<String, Double> vector(Map<String, Integer> counts) {
        Map<String, Double> v = new HashMap<>();
        counts.forEach((w, c) -> v.put(w, (1.0 + Math.log(c)) * idf.getOrDefault(w, 1.0)));
        double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
        if (norm > 0) {
            v.replaceAll((w, x) -> x / norm);
        }
        return v;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        double dot = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double y = b.get(e.getKey());
            if (y != null) {
                dot += e.getValue() * y;
            }
        }
        double na = Math.sqrt(a.values().stream().mapToDouble(x -> x * x).sum());
        double nb = Math.sqrt(b.values().stream().mapToDouble(x -> x * x).sum());
        return na == 0 || nb == 0 ? 0 : Math.min(1.0, dot / (na * nb));
    }

    static Map<String, Integer> counts(String text) {
        Map<String, Integer> out = new HashMap<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            String word = w.replaceAll("^'+|'+$", "");
            if (word.length() >= 2 && !STOP.contains(word) && !word.startsWith("http")) {
                out.merge(word, 1, Integer::sum);
            }
        }
        return out;
    }
}
