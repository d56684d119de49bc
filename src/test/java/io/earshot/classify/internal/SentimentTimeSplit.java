package io.earshot.classify.internal;
import java.nio.file.*; import java.util.*;
/**
 * The sentiment model's figure on a split by time, as issue 16 asks: trained on every SemEval file but
 * {@code twitter-2016test-A} (plus the TweetEval emotion tweets with {@code emotion}), judged on that later file,
 * for a sweep of shifts of the neutral class's bias. Not a test: run it with the test class path,
 * {@code java -cp target/test-classes:target/classes:CLASSPATH io.earshot.classify.internal.SentimentTimeSplit
 * [emotion|none] [l2] [epochs]}, from the project root with the shared data at {@code ../shared/datasets}.
 */
public final class SentimentTimeSplit {
  private SentimentTimeSplit() {
  }

  public static void main(String[] a) throws Exception {
    Path d = Path.of("../shared/datasets");
    List<String> lines = Files.readAllLines(d.resolve("semeval4a/train.tsv"));
    List<String> src = Files.readAllLines(d.resolve("semeval4a/train_source.tsv")); src = src.subList(1, src.size());
    List<String> trT = new ArrayList<>(), teT = new ArrayList<>(); List<Integer> trY = new ArrayList<>(), teY = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i); int tab = l.indexOf('\t'); if (tab < 0) continue;
      int y = Datasets.sentimentIndex(l.substring(0, tab)); if (y < 0) continue;
      boolean test = src.get(i).endsWith("2016test-A");
      (test ? teT : trT).add(l.substring(tab + 1)); (test ? teY : trY).add(y);
    }
    Datasets.Labelled emotion = Datasets.emotionAsSentiment(d);
    Datasets.Labelled val = Datasets.tweetEvalValidation(d);
    Lexicon lex = new Lexicon(); TweetTokenizer tok = new TweetTokenizer(lex); FeatureExtractor fx = new FeatureExtractor(lex);
    java.util.function.Function<List<String>, List<SparseVector>> feat = ts -> { List<SparseVector> o = new ArrayList<>(); for (String t : ts) o.add(fx.extract(tok.tokenize(t, 20000))); return o; };
    boolean withEmotion = a.length > 0 && a[0].equals("emotion");
    List<SparseVector> xs = feat.apply(trT); List<Integer> ys = new ArrayList<>(trY);
    if (withEmotion) { xs.addAll(feat.apply(emotion.texts())); for (int y : emotion.labels()) ys.add(y); }
    double l2 = a.length > 1 ? Double.parseDouble(a[1]) : 1e-5; int epochs = a.length > 2 ? Integer.parseInt(a[2]) : 6;
    SoftmaxTrainer tr = new SoftmaxTrainer(ModelTrainer.SENTIMENT_BITS, l2, epochs, 0.5, true);
    LinearModel m = tr.train(Datasets.SENTIMENT_LABELS, xs, ys.stream().mapToInt(Integer::intValue).toArray(), ModelTrainer.SEED);
    List<SparseVector> tx = feat.apply(teT), vx = feat.apply(val.texts());
    int[] ty = teY.stream().mapToInt(Integer::intValue).toArray();
    float b1 = m.bias[1];
    for (double shift = -0.5; shift <= 1.51; shift += 0.25) {
      m.bias[1] = (float) (b1 + shift);
      double[] r = Metrics.recalls(ty, ModelTrainer.predict(m, tx), 3);
      double[] rv = Metrics.recalls(val.labels(), ModelTrainer.predict(m, vx), 3);
      System.out.printf(Locale.ROOT, "emotion=%s l2=%g ep=%d neutral+%.2f: 2016test macro %.4f (%.3f %.3f %.3f) | val %.4f%n", withEmotion, l2, epochs, shift, Metrics.mean(r), r[0], r[1], r[2], Metrics.mean(rv));
    }
  }
}
