package io.earshot.classify.internal;

import io.earshot.classify.Intent;
import io.earshot.classify.Sentiment;
import io.earshot.classify.SignalClassifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates the committed models (as loaded from the classpath) on the shared data sets:
 * <ul>
 *   <li>sentiment: macro-averaged and per-class recall on TweetEval sentiment val, through
 *       {@link SignalClassifier#classify};</li>
 *   <li>complaint: 10-fold cross-validated precision/recall/F1 on the complaints data, both for the complaint
 *       model alone and for the final intent (complaint or outage counts as a complaint);</li>
 *   <li>speed: messages per second on one thread, sentiment+intent only and with language detection.</li>
 * </ul>
 */
public final class ModelEvaluator {

    /**
     * What {@link #run} measured.
     *
     * @param macroRecall TweetEval val macro-averaged recall
     * @param recalls per-class recall: negative, neutral, positive
     * @param complaintF1 complaint-class F1 of the complaint model alone, 10-fold CV
     * @param complaintPrecision its precision
     * @param complaintRecall its recall
     * @param intentComplaintF1 complaint-class F1 when intent complaint or outage counts as a complaint, 10-fold CV
     * @param messagesPerSecond sentiment+intent, one thread
     * @param messagesPerSecondWithLanguage full classify including language detection, one thread
     */
    public record Report(double macroRecall, double[] recalls, double complaintF1, double complaintPrecision,
                         double complaintRecall, double intentComplaintF1, double messagesPerSecond,
                         double messagesPerSecondWithLanguage) {
    }

    /** Evaluates with default settings; {@code speed} false skips the throughput measurements. */
    public Report run(Path datasetsDir, PrintStream out, boolean speed) {
        SignalClassifier classifier = SignalClassifier.withDefaults();

        Datasets.Labelled val = Datasets.tweetEvalValidation(datasetsDir);
        int[] predicted = new int[val.size()];
        for (int i = 0; i < val.size(); i++) {
            predicted[i] = Datasets.sentimentIndex(classifier.score(val.texts().get(i)).sentiment().label());
        }
        double[] r = Metrics.recalls(val.labels(), predicted, 3);
        double macro = Metrics.mean(r);
        out.printf(Locale.ROOT, "sentiment, TweetEval val (%d tweets): macro recall %.4f "
                + "(negative %.3f, neutral %.3f, positive %.3f)%n", val.size(), macro, r[0], r[1], r[2]);

        Datasets.Labelled complaints = Datasets.complaints(datasetsDir);
        Lexicon lexicon = new Lexicon();
        TweetTokenizer tokenizer = new TweetTokenizer(lexicon);
        FeatureExtractor extractor = new FeatureExtractor(lexicon);
        LinearModel sentimentModel = SignalModels.fromClasspath().sentiment;
        List<SparseVector> xs = new ArrayList<>();
        List<Tokens> tokens = new ArrayList<>();
        List<Sentiment> sentiments = new ArrayList<>();
        double[] p = new double[3];
        for (String text : complaints.texts()) {
            Tokens t = tokenizer.tokenize(text, SignalModels.TRAINING_MAX_CHARS);
            SparseVector v = extractor.extract(t);
            sentimentModel.probabilities(v, p);
            FeatureExtractor.appendSentiment(v, p);
            tokens.add(t);
            sentiments.add(new Sentiment(Datasets.SENTIMENT_LABELS[ModelTrainer.argmax(p)], p[2] - p[0]));
            xs.add(v.compact());
        }
        double threshold = classifier.settings().complaintThreshold();
        double[] oof = ModelTrainer.outOfFold(xs, complaints.labels(), ModelTrainer.COMPLAINT);
        IntentRules rules = new IntentRules(threshold);
        boolean[] byModel = new boolean[oof.length];
        boolean[] byIntent = new boolean[oof.length];
        int[] intentCounts = new int[Intent.values().length];
        for (int i = 0; i < oof.length; i++) {
            byModel[i] = oof[i] >= threshold;
            Intent intent = rules.decide(tokens.get(i), sentiments.get(i), oof[i]);
            byIntent[i] = intent == Intent.COMPLAINT || intent == Intent.OUTAGE;
            intentCounts[intent.ordinal()]++;
        }
        Metrics.Binary model = Metrics.Binary.of(complaints.labels(), byModel);
        Metrics.Binary intent = Metrics.Binary.of(complaints.labels(), byIntent);
        out.printf(Locale.ROOT, "complaint model, %d-fold CV on %d tweets: %s%n", ModelTrainer.FOLDS,
                complaints.size(), model);
        out.printf(Locale.ROOT, "intent complaint|outage, %d-fold CV: %s%n", ModelTrainer.FOLDS, intent);
        StringBuilder counts = new StringBuilder();
        for (Intent in : Intent.values()) {
            counts.append(' ').append(in.wireName()).append('=').append(intentCounts[in.ordinal()]);
        }
        out.println("intents on the complaints data:" + counts);

        double fast = 0;
        double full = 0;
        if (speed) {
            List<String> texts = new ArrayList<>(Datasets.semevalTrain(datasetsDir).texts());
            fast = throughput(texts, 3, t -> classifier.score(t));
            out.printf(Locale.ROOT, "speed, sentiment+intent: %,.0f messages/s (one thread)%n", fast);
            full = throughput(texts.subList(0, 10000), 2, classifier::classify);
            out.printf(Locale.ROOT, "speed, with language detection: %,.0f messages/s (one thread)%n", full);
        }
        return new Report(macro, r, model.f1(), model.precision(), model.recall(), intent.f1(), fast, full);
    }

    /** Best of {@code rounds} timed passes after one warm-up pass. */
    private static double throughput(List<String> texts, int rounds, java.util.function.Function<String, Object> f) {
        Object sink = null;
        for (String t : texts) {
            sink = f.apply(t);
        }
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (String t : texts) {
                sink = f.apply(t);
            }
            best = Math.max(best, texts.size() / ((System.nanoTime() - t0) / 1e9));
        }
        if (sink == null) {
            throw new IllegalStateException();
        }
        return best;
    }

    /** {@code ModelEvaluator <datasetsDir>}: prints the evaluation. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ModelEvaluator <datasetsDir>");
            System.exit(2);
        }
        new ModelEvaluator().run(Path.of(args[0]), System.out, true);
    }
}
