package io.earshot.classify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Language of a text with Lingua, limited to the configured languages. Mentions, URLs, hashtags, digits and
 * emoji are removed first; a text with too few letters, or whose best language does not beat the runner-up
 * by the configured margin of relative confidence, is "und". Thread-safe (Lingua's detector is).
 */
final class LanguageGuesser {
    static final String UNDETERMINED = "und";

    private final LanguageDetector detector;
    private final String only;
    private final int minLetters;
    private final double minMargin;

    LanguageGuesser(ClassifySettings settings) {
        List<IsoCode639_1> codes = new ArrayList<>();
        for (String code : settings.languages()) {
            IsoCode639_1 iso;
            try {
                iso = IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("earshot.classify.languages: unknown ISO 639-1 code '" + code + "'", e);
            }
            if (Language.getByIsoCode639_1(iso) == Language.UNKNOWN) {
                throw new IllegalArgumentException("earshot.classify.languages: Lingua does not support '" + code + "'");
            }
            codes.add(iso);
        }
        this.minLetters = settings.minLanguageLetters();
        this.minMargin = settings.minLanguageMargin();
        if (codes.size() >= 2) {
            LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(new IsoCode639_1[0]))
                    .withPreloadedLanguageModels();
            if (settings.lowAccuracyLanguageMode()) {
                builder = builder.withLowAccuracyMode();
            }
            this.detector = builder.build();
            this.only = null;
        } else {
            // Lingua needs two languages; with one configured, every long-enough text is that language
            this.detector = null;
            this.only = codes.isEmpty() ? UNDETERMINED : codes.get(0).name().toLowerCase(Locale.ROOT);
        }
    }

    String detect(String text, int maxChars) {
        String clean = clean(text, Math.min(maxChars, 2000));
        int letters = 0;
        for (int i = 0; i < clean.length() && letters < minLetters; i++) {
            if (Character.isLetter(clean.charAt(i))) {
                letters++;
            }
        }
        if (letters < minLetters || letters == 0) {
            return UNDETERMINED;
        }
        if (detector == null) {
            return only;
        }
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(clean);
        if (confidences.isEmpty()) {
            return UNDETERMINED;
        }
        Iterator<Map.Entry<Language, Double>> it = confidences.entrySet().iterator();
        Map.Entry<Language, Double> best = it.next();
        double runnerUp = it.hasNext() ? it.next().getValue() : 0.0;
        if (best.getKey() == Language.UNKNOWN || best.getValue() - runnerUp < minMargin) {
            return UNDETERMINED;
        }
        return best.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /** Keeps letters, apostrophes and single spaces; drops mentions, URLs, hashtags and everything else. */
    static String clean(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        int n = Math.min(text.length(), maxChars);
        StringBuilder sb = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean tokenStart = i == 0 || Character.isWhitespace(text.charAt(i - 1));
            if (tokenStart && (c == '@' || c == '#' || text.regionMatches(true, i, "http", 0, 4)
                    || text.regionMatches(true, i, "www.", 0, 4))) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp) || cp == '\'' || cp == '\u2019') {
                sb.appendCodePoint(cp);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                sb.append(' ');
            }
            i += Character.charCount(cp);
        }
        return sb.toString().trim();
    }
}
