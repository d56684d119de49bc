package io.earshot.classify.internal;

/** Evaluation arithmetic: per-class recall, macro recall, binary precision/recall/F1. */
public final class Metrics {
    private Metrics() {
    }

    /** Recall of each class (index = class), from gold and predicted labels. */
    static double[] recalls(int[] gold, int[] predicted, int classes) {
        int[] hit = new int[classes];
        int[] total = new int[classes];
        for (int i = 0; i < gold.length; i++) {
            total[gold[i]]++;
            if (gold[i] == predicted[i]) {
                hit[gold[i]]++;
            }
        }
        double[] r = new double[classes];
        for (int c = 0; c < classes; c++) {
            r[c] = total[c] == 0 ? 0 : (double) hit[c] / total[c];
        }
        return r;
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? 0 : s / values.length;
    }

    /** Precision, recall and F1 of the positive class (label 1). */
    record Binary(double precision, double recall, double f1, double accuracy) {
        static Binary of(int[] gold, boolean[] predicted) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int correct = 0;
            for (int i = 0; i < gold.length; i++) {
                boolean g = gold[i] == 1;
                if (g && predicted[i]) {
                    tp++;
                } else if (!g && predicted[i]) {
                    fp++;
                } else if (g) {
                    fn++;
                }
                if (g == predicted[i]) {
                    correct++;
                }
            }
            double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            return new Binary(p, r, f, (double) correct / gold.length);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "precision %.3f recall %.3f F1 %.3f accuracy %.3f",
                    precision, recall, f1, accuracy);
        }
    }
}
