package io.earshot.classify.internal;

import io.earshot.classify.ClassifySettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Language of a text with Lingua, limited to the configured languages. Mentions, URLs, hashtags, digits and
 * emoji are removed first; a text with too few letters, or whose best language does not beat the runner-up
 * by the configured margin of relative confidence, is "und". When English is configured, an obviously
 * English text (see {@link #ENGLISH}) skips Lingua. Thread-safe (Lingua's detector is).
 */
public final class LanguageGuesser {
    public static final String UNDETERMINED = "und";

    private final LanguageDetector detector;
    private final String only;
    private final int minLetters;
    private final double minMargin;
    private final boolean englishShortcut;

    /**
     * Function words that are common in English and not words of the other default languages (so "in",
     * "me", "do", "so", "was", "is", "on" are left out). Three of them in a pure-ASCII text with none of
     * {@link #FOREIGN} decide English without asking Lingua, which is about 15 times slower than the rest
     * of classification. On 100,000 SemEval tweets the shortcut changed 2,769 answers: 2,767 from "und"
     * (Lingua's margin too narrow) to "en", and 2 from "it" to "en".
     */
    private static final Set<String> ENGLISH = Set.of(
            "the", "and", "you", "your", "my", "with", "this", "that", "have", "what", "just", "are", "they",
            "will", "would", "can", "get", "got", "about", "been", "there", "their", "when", "how", "why",
            "who", "which", "because", "should", "could", "our", "we", "it", "its", "of", "to", "be", "at",
            "if", "for", "from", "not", "all", "was", "i", "im", "dont", "cant", "is");
    private static final Set<String> FOREIGN = Set.of(
            "de", "la", "le", "el", "les", "des", "du", "un", "una", "une", "der", "die", "das", "und", "het",
            "een", "que", "est", "por", "para", "con", "che", "il", "non", "ist", "nicht", "ich", "ik", "je",
            "van", "en", "et", "y", "los", "las", "del", "al", "di", "da", "na", "em", "se", "mit", "auf",
            "zu", "den", "dem", "niet", "op", "voor", "pas", "ne", "sur", "avec", "mais", "lo", "gli",
            "per", "nao", "muito", "mi", "tu", "ti", "te", "es", "ein", "eine", "sie", "er", "wir", "ya");

    public LanguageGuesser(ClassifySettings settings) {
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
        this.englishShortcut = codes.contains(IsoCode639_1.EN);
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

    public String detect(String text, int maxChars) {
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
        if (englishShortcut && obviouslyEnglish(clean)) {
            return "en";
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

    /**
     * Whether a text may not be English, cheaply (no detector): it has a letter outside ASCII or a function word of
     * another language ("de", "und", "que"). False for most English; true does not mean it is foreign.
     */
    public static boolean mayBeForeign(String text) {
        String clean = clean(text == null ? "" : text, 2000);
        int start = -1;
        for (int i = 0; i <= clean.length(); i++) {
            char c = i < clean.length() ? clean.charAt(i) : ' ';
            if (c > 0x7f && Character.isLetter(c)) {
                return true;
            }
            if (c == ' ') {
                if (start >= 0 && FOREIGN.contains(clean.substring(start, i).toLowerCase(Locale.ROOT))) {
                    return true;
                }
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        return false;
    }

    static boolean obviouslyEnglish(String clean) {
        int english = 0;
        int start = -1;
        for (int i = 0; i <= clean.length(); i++) {
            char c = i < clean.length() ? clean.charAt(i) : ' ';
            if (c > 0x7f) {
                return false;
            }
            if (c == ' ') {
                if (start >= 0) {
                    String w = clean.substring(start, i).toLowerCase(Locale.ROOT).replace("'", "");
                    if (FOREIGN.contains(w)) {
                        return false;
                    }
                    if (ENGLISH.contains(w)) {
                        english++;
                    }
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return english >= 3;
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
