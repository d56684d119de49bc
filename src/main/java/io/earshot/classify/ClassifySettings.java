package io.earshot.classify;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the signal classifier, bound from {@code earshot.classify.*}.
 *
 * @param languages ISO 639-1 codes the language detector may answer with; anything else is "und"
 * @param detectLanguage false skips language detection entirely (language is then "und")
 * @param lowAccuracyLanguageMode use Lingua's low-accuracy (trigram only) mode: faster to load, less memory
 * @param minLanguageLetters texts with fewer letters (after removing mentions, URLs, hashtags) are "und"
 * @param minLanguageMargin the best language must beat the runner-up's relative confidence by this much, else "und"
 * @param complaintThreshold probability from which the complaint model calls a message a complaint
 * @param maxChars only the first this many characters of a text are classified
 */
@ConfigurationProperties("earshot.classify")
public record ClassifySettings(
        @DefaultValue({"en", "es", "fr", "de", "pt", "it", "nl"}) List<String> languages,
        @DefaultValue("true") boolean detectLanguage,
        @DefaultValue("false") boolean lowAccuracyLanguageMode,
        @DefaultValue("10") int minLanguageLetters,
        @DefaultValue("0.1") double minLanguageMargin,
        @DefaultValue("0.5") double complaintThreshold,
        @DefaultValue("20000") int maxChars) {

    /** The default languages (ISO 639-1). */
    public static final List<String> DEFAULT_LANGUAGES = List.of("en", "es", "fr", "de", "pt", "it", "nl");

    public ClassifySettings {
        languages = languages == null || languages.isEmpty()
                ? DEFAULT_LANGUAGES
                : languages.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
        if (minLanguageLetters < 0) {
            throw new IllegalArgumentException("minLanguageLetters must be >= 0");
        }
        if (minLanguageMargin < 0 || minLanguageMargin >= 1) {
            throw new IllegalArgumentException("minLanguageMargin must be in [0, 1)");
        }
        if (complaintThreshold <= 0 || complaintThreshold >= 1) {
            throw new IllegalArgumentException("complaintThreshold must be in (0, 1)");
        }
        maxChars = maxChars <= 0 ? 20000 : maxChars;
    }

    /** The defaults, as Spring would bind them with no properties set. */
    public static ClassifySettings defaults() {
        return new ClassifySettings(DEFAULT_LANGUAGES, true, false, 10, 0.1, 0.5, 20000);
    }

    /** The defaults with another set of languages. */
    public ClassifySettings withLanguages(List<String> codes) {
        return new ClassifySettings(codes, detectLanguage, lowAccuracyLanguageMode, minLanguageLetters,
                minLanguageMargin, complaintThreshold, maxChars);
    }

    /** The same settings with language detection switched on or off. */
    public ClassifySettings withLanguageDetection(boolean on) {
        return new ClassifySettings(languages, on, lowAccuracyLanguageMode, minLanguageLetters,
                minLanguageMargin, complaintThreshold, maxChars);
    }
}
