package io.earshot.classify;

import io.earshot.classify.internal.Datasets;
import io.earshot.classify.internal.FeatureExtractor;
import io.earshot.classify.internal.IntentRules;
import io.earshot.classify.internal.LanguageGuesser;
import io.earshot.classify.internal.Lexicon;
import io.earshot.classify.internal.ModelTrainer;
import io.earshot.classify.internal.SignalModels;
import io.earshot.classify.internal.SparseVector;
import io.earshot.classify.internal.Tokens;
import io.earshot.classify.internal.TweetTokenizer;
import org.springframework.stereotype.Component;

/**
 * Attaches {@link Signals} (language, sentiment, intent) to the text of an inbound message.
 *
 * <p>Sentiment is a 3-class logistic regression over hashed word and character n-grams plus lexicon,
 * negation, emoji and punctuation features; the complaint model is a logistic regression over the same
 * features plus the sentiment output; {@link IntentRules} turn both into one intent with a fixed precedence
 * (outage, complaint, request, question, praise, other). Language comes from Lingua restricted to the
 * configured languages. Models are loaded from {@code classpath:/models/} once, in the constructor.
 *
 * <p>Thread-safe: no mutable state after construction. Never throws on odd input: null, empty, huge
 * (only the first {@link ClassifySettings#maxChars()} characters are read) or markup-laden texts are fine.
 */
@Component
public final class SignalClassifier {
    private static final String[] LABELS = Datasets.SENTIMENT_LABELS;
    private static final Scored EMPTY = new Scored(new Sentiment("neutral", 0.0), Intent.OTHER, 0.0);

    private final ClassifySettings settings;
    private final SignalModels models;
    private final TweetTokenizer tokenizer;
    private final FeatureExtractor extractor;
    private final IntentRules rules;
    private final LanguageGuesser languages;

    public SignalClassifier(ClassifySettings settings) {
        this.settings = settings;
        Lexicon lexicon = new Lexicon();
        this.models = SignalModels.fromClasspath();
        this.tokenizer = new TweetTokenizer(lexicon);
        this.extractor = new FeatureExtractor(lexicon);
        this.rules = new IntentRules(settings.complaintThreshold());
        this.languages = settings.detectLanguage() ? new LanguageGuesser(settings) : null;
    }

    /** Builds a classifier without Spring (CLI, tests). */
    public static SignalClassifier fromSettings(ClassifySettings settings) {
        return new SignalClassifier(settings);
    }

    /** Builds a classifier with the default settings. */
    public static SignalClassifier withDefaults() {
        return new SignalClassifier(ClassifySettings.defaults());
    }

    public ClassifySettings settings() {
        return settings;
    }

    /** Language, sentiment and intent of {@code text} (null is treated as empty). */
    public Signals classify(String text) {
        String safe = text == null ? "" : text;
        Scored s = score(safe);
        String language = languages == null ? LanguageGuesser.UNDETERMINED : languages.detect(safe, settings.maxChars());
        return new Signals(language, s.sentiment(), s.intent());
    }

    /**
     * Whether {@code text} may be in a language other than English, read cheaply without the detector (a letter
     * outside ASCII, or a function word of another language): worth detecting its language. Thread-safe.
     */
    public static boolean mayBeForeign(String text) {
        return LanguageGuesser.mayBeForeign(text);
    }

    /** The language of {@code text} alone ("und" when unsure), without sentiment and intent: for company replies. */
    public String language(String text) {
        return languages == null ? LanguageGuesser.UNDETERMINED : languages.detect(text == null ? "" : text, settings.maxChars());
    }

    /** Sentiment and intent only (no language detection): the fast part, for measurements. */
    public Scored score(String text) {
        Tokens tokens = tokenizer.tokenize(text, settings.maxChars());
        if (tokens.size == 0) {
            return EMPTY;
        }
        SparseVector v = extractor.extract(tokens);
        double[] p = new double[3];
        models.sentiment.probabilities(v, p);
        Sentiment sentiment = new Sentiment(LABELS[ModelTrainer.argmax(p)], Math.round((p[2] - p[0]) * 1e4) / 1e4);
        FeatureExtractor.appendSentiment(v, p);
        double[] q = new double[2];
        models.complaint.probabilities(v, q);
        return new Scored(sentiment, rules.decide(tokens, sentiment, q[1]), q[1]);
    }

    /** Sentiment and intent of a text, with the complaint model's probability. */
    public record Scored(Sentiment sentiment, Intent intent, double complaintProbability) {
    }
}
