package io.earshot.classify.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Re-trains the signal models from the shared data sets and writes them to a directory
 * (normally {@code src/main/resources/models}):
 * <ol>
 *   <li>{@code sentiment.bin.gz}: 3-class logistic regression on {@code semeval4a/train.tsv} plus the TweetEval
 *       emotion <em>train</em> split relabelled (anger, sadness: negative; joy, optimism: positive), balanced
 *       class weights; reports macro recall on TweetEval val before and after 8-bit quantisation. The extra
 *       emotion tweets lift val macro recall from about 0.69 to 0.70, mostly through negative recall;</li>
 *   <li>{@code complaint.bin.gz}: complaint-vs-not logistic regression on {@code complaints/complaints-data.csv},
 *       with the sentiment model's output stacked as two features; reports 10-fold cross-validated F1 first.</li>
 * </ol>
 * Training is deterministic (fixed seeds). Takes about a minute on one core.
 */
public final class ModelTrainer {
    /** Hash buckets of the sentiment model: 2^18 x 3 classes x 1 byte = 768 KiB before gzip. */
    static final int SENTIMENT_BITS = 18;
    static final SoftmaxTrainer SENTIMENT = new SoftmaxTrainer(SENTIMENT_BITS, 1e-5, 6, 0.5, true);
    /** The complaint data is small (3,449 tweets): fewer buckets are plenty. */
    static final int COMPLAINT_BITS = 18;
    static final SoftmaxTrainer COMPLAINT = new SoftmaxTrainer(COMPLAINT_BITS, 1e-4, 15, 0.5, true);
    static final long SEED = 20240611L;
    static final int FOLDS = 10;

    private final Lexicon lexicon = new Lexicon();
    private final TweetTokenizer tokenizer = new TweetTokenizer(lexicon);
    private final FeatureExtractor extractor = new FeatureExtractor(lexicon);

    /** Trains both models from {@code datasetsDir} and writes them into {@code outDir}, logging to {@code out}. */
    public void run(Path datasetsDir, Path outDir, PrintStream out) throws IOException {
        Files.createDirectories(outDir);
        LinearModel sentiment = trainSentiment(datasetsDir, SENTIMENT, out).quantised();
        write(sentiment, outDir.resolve(SignalModels.SENTIMENT_FILE), out);
        LinearModel complaint = trainComplaint(datasetsDir, sentiment, COMPLAINT, out).quantised();
        write(complaint, outDir.resolve(SignalModels.COMPLAINT_FILE), out);
    }

    LinearModel trainSentiment(Path datasetsDir, SoftmaxTrainer trainer, PrintStream out) {
        long t0 = System.nanoTime();
        Datasets.Labelled semeval = Datasets.semevalTrain(datasetsDir);
        Datasets.Labelled emotion = Datasets.emotionAsSentiment(datasetsDir);
        Datasets.Labelled val = Datasets.tweetEvalValidation(datasetsDir);
        List<SparseVector> xs = featurise(semeval.texts());
        xs.addAll(featurise(emotion.texts()));
        int[] ys = java.util.stream.IntStream.concat(java.util.Arrays.stream(semeval.labels()),
                java.util.Arrays.stream(emotion.labels())).toArray();
        List<SparseVector> vx = featurise(val.texts());
        LinearModel model = trainer.train(Datasets.SENTIMENT_LABELS, xs, ys, SEED);
        out.printf(Locale.ROOT, "sentiment: %d semeval4a + %d TweetEval emotion train tweets, %s, %.1f s%n",
                semeval.size(), emotion.size(), trainer, (System.nanoTime() - t0) / 1e9);
        report(out, "TweetEval val (float weights)", model, vx, val.labels());
        report(out, "TweetEval val (8-bit weights)", model.quantised(), vx, val.labels());
        return model;
    }

    static double report(PrintStream out, String title, LinearModel model, List<SparseVector> xs, int[] gold) {
        int[] predicted = predict(model, xs);
        double[] r = Metrics.recalls(gold, predicted, 3);
        double macro = Metrics.mean(r);
        out.printf(Locale.ROOT, "  %s: macro recall %.4f (negative %.3f, neutral %.3f, positive %.3f)%n",
                title, macro, r[0], r[1], r[2]);
        return macro;
    }

    static int[] predict(LinearModel model, List<SparseVector> xs) {
        int[] predicted = new int[xs.size()];
        double[] p = new double[model.classes];
        for (int i = 0; i < xs.size(); i++) {
            model.probabilities(xs.get(i), p);
            predicted[i] = argmax(p);
        }
        return predicted;
    }

    public static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    LinearModel trainComplaint(Path datasetsDir, LinearModel sentiment, SoftmaxTrainer trainer, PrintStream out) {
        Datasets.Labelled data = Datasets.complaints(datasetsDir);
        List<SparseVector> xs = complaintFeatures(data.texts(), sentiment);
        Metrics.Binary cv = crossValidate(xs, data.labels(), trainer, 0.5);
        out.printf(Locale.ROOT, "complaint: %d tweets (%d complaints), %s%n", data.size(),
                java.util.Arrays.stream(data.labels()).sum(), trainer);
        out.printf(Locale.ROOT, "  %d-fold cross-validation, complaint class: %s%n", FOLDS, cv);
        return trainer.train(Datasets.COMPLAINT_LABELS, xs, data.labels(), SEED);
    }

    List<SparseVector> complaintFeatures(List<String> texts, LinearModel sentiment) {
        List<SparseVector> xs = new ArrayList<>(texts.size());
        double[] p = new double[3];
        for (String text : texts) {
            SparseVector v = extractor.extract(tokenizer.tokenize(text, SignalModels.TRAINING_MAX_CHARS));
            sentiment.probabilities(v, p);
            FeatureExtractor.appendSentiment(v, p);
            xs.add(v.compact());
        }
        return xs;
    }

    /** Stratified-by-position k-fold CV (fold = index mod k, data order is fixed): complaint-class metrics. */
    static Metrics.Binary crossValidate(List<SparseVector> xs, int[] ys, SoftmaxTrainer trainer, double threshold) {
        double[] oof = outOfFold(xs, ys, trainer);
        boolean[] predicted = new boolean[xs.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = oof[i] >= threshold;
        }
        return Metrics.Binary.of(ys, predicted);
    }

    /** Complaint probability of each example from the model of the fold that did not see it. */
    static double[] outOfFold(List<SparseVector> xs, int[] ys, SoftmaxTrainer trainer) {
        double[] oof = new double[xs.size()];
        double[] p = new double[2];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<SparseVector> trainX = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                if (i % FOLDS != fold) {
                    trainX.add(xs.get(i));
                    trainY.add(ys[i]);
                }
            }
            LinearModel m = trainer.train(Datasets.COMPLAINT_LABELS, trainX,
                    trainY.stream().mapToInt(Integer::intValue).toArray(), SEED + fold).quantised();
            for (int i = fold; i < xs.size(); i += FOLDS) {
                m.probabilities(xs.get(i), p);
                oof[i] = p[1];
            }
        }
        return oof;
    }

    List<SparseVector> featurise(List<String> texts) {
        List<SparseVector> xs = new ArrayList<>(texts.size());
        for (String text : texts) {
            xs.add(extractor.extract(tokenizer.tokenize(text, SignalModels.TRAINING_MAX_CHARS)).compact());
        }
        return xs;
    }

    private static void write(LinearModel model, Path file, PrintStream out) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            model.write(os);
        }
        out.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", file, Files.size(file));
    }

    /** Hyper-parameter search on TweetEval val (the dev set); prints one line per setting. */
    void tune(Path datasetsDir, PrintStream out) {
        Datasets.Labelled train = Datasets.semevalTrain(datasetsDir);
        Datasets.Labelled val = Datasets.tweetEvalValidation(datasetsDir);
        List<SparseVector> xs = featurise(train.texts());
        List<SparseVector> vx = featurise(val.texts());
        Datasets.Labelled emo = Datasets.emotionAsSentiment(datasetsDir);
        List<SparseVector> ax = new ArrayList<>(xs);
        ax.addAll(featurise(emo.texts()));
        int[] ay = java.util.stream.IntStream.concat(java.util.Arrays.stream(train.labels()),
                java.util.Arrays.stream(emo.labels())).toArray();
        for (double lambda : new double[] {1e-5, 2e-5}) {
            for (int epochs : new int[] {6, 10}) {
                SoftmaxTrainer t = new SoftmaxTrainer(18, lambda, epochs, 0.5, true);
                report(out, "plain " + t, t.train(Datasets.SENTIMENT_LABELS, xs, train.labels(), SEED).quantised(),
                        vx, val.labels());
                report(out, "+emotion " + t, t.train(Datasets.SENTIMENT_LABELS, ax, ay, SEED).quantised(),
                        vx, val.labels());
            }
        }
    }

    /** {@code ModelTrainer <datasetsDir> <outDir>} re-trains; {@code ModelTrainer <datasetsDir> --tune} searches. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ModelTrainer <datasetsDir> <outDir> | <datasetsDir> --tune");
            System.exit(2);
        }
        ModelTrainer trainer = new ModelTrainer();
        if (args[1].equals("--tune")) {
            trainer.tune(Path.of(args[0]), System.out);
        } else {
            trainer.run(Path.of(args[0]), Path.of(args[1]), System.out);
        }
    }
}
