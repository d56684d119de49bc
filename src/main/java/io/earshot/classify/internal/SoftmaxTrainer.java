package io.earshot.classify.internal;

import java.util.List;
import java.util.Random;

/**
 * Trains a {@link LinearModel} by stochastic gradient descent on the L2-regularised, class-weighted
 * multinomial log loss. The L2 shrinkage is applied exactly and cheaply by keeping the weights as
 * {@code scale * v} (one multiplication per step instead of one per weight). The learning rate decays as
 * {@code eta0 / (1 + eta0 * lambda * t)}. The returned model is the average of snapshots taken every
 * {@value #SNAPSHOT_EVERY} steps during the second half of training (Polyak-style averaging): the last SGD
 * iterate swings by several points of recall from epoch to epoch, the average does not. Written by hand because no ML library is available to the build,
 * and because the whole method fits in a page: hashed sparse features, K classes, a few epochs.
 *
 * @param bits      log2 of the number of hash buckets
 * @param lambda    L2 strength per example
 * @param epochs    passes over the data (shuffled each time, fixed seed: training is reproducible)
 * @param eta0      initial learning rate
 * @param balanced  weight classes by N / (K * count) so that every class counts the same (macro recall)
 */
public record SoftmaxTrainer(int bits, double lambda, int epochs, double eta0, boolean balanced) {
    static final int SNAPSHOT_EVERY = 1000;

    LinearModel train(String[] labels, List<SparseVector> xs, int[] ys, long seed) {
        int k = labels.length;
        int n = xs.size();
        int mask = (1 << bits) - 1;
        float[] w = new float[(1 << bits) * k];
        double[] b = new double[k];
        double[] cw = new double[k];
        int[] counts = new int[k];
        for (int y : ys) {
            counts[y]++;
        }
        for (int c = 0; c < k; c++) {
            cw[c] = balanced ? (counts[c] == 0 ? 0 : (double) n / (k * counts[c])) : 1.0;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        double scale = 1.0;
        long t = 0;
        double[] z = new double[k];
        double[] avg = new double[w.length];
        double[] avgBias = new double[k];
        long snapshots = 0;
        long total = (long) n * epochs;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int oi = 0; oi < n; oi++) {
                int idx = order[oi];
                SparseVector x = xs.get(idx);
                int y = ys[idx];
                double eta = eta0 / (1 + eta0 * lambda * t);
                for (int c = 0; c < k; c++) {
                    z[c] = 0;
                }
                for (int f = 0; f < x.size; f++) {
                    int base = (x.hashes[f] & mask) * k;
                    float val = x.values[f];
                    for (int c = 0; c < k; c++) {
                        z[c] += w[base + c] * val;
                    }
                }
                for (int c = 0; c < k; c++) {
                    z[c] = z[c] * scale + b[c];
                }
                LinearModel.softmax(z, k);
                for (int c = 0; c < k; c++) {
                    z[c] = cw[y] * (z[c] - (c == y ? 1 : 0)); // gradient of the loss w.r.t. score c
                }
                scale *= (1 - eta * lambda);
                if (scale < 1e-6) {
                    for (int q = 0; q < w.length; q++) {
                        w[q] *= (float) scale;
                    }
                    scale = 1.0;
                }
                double step = eta / scale;
                for (int f = 0; f < x.size; f++) {
                    int base = (x.hashes[f] & mask) * k;
                    double val = x.values[f] * step;
                    for (int c = 0; c < k; c++) {
                        w[base + c] -= (float) (z[c] * val);
                    }
                }
                for (int c = 0; c < k; c++) {
                    b[c] -= eta * z[c];
                }
                t++;
                if (t * 2 >= total && t % SNAPSHOT_EVERY == 0) {
                    for (int q = 0; q < w.length; q++) {
                        avg[q] += w[q] * scale;
                    }
                    for (int c = 0; c < k; c++) {
                        avgBias[c] += b[c];
                    }
                    snapshots++;
                }
            }
        }
        float[] bias = new float[k];
        if (snapshots == 0) {
            for (int q = 0; q < w.length; q++) {
                avg[q] = w[q] * scale;
            }
            System.arraycopy(b, 0, avgBias, 0, k);
            snapshots = 1;
        }
        for (int c = 0; c < k; c++) {
            bias[c] = (float) (avgBias[c] / snapshots);
        }
        for (int q = 0; q < w.length; q++) {
            w[q] = (float) (avg[q] / snapshots);
        }
        return new LinearModel(labels, bits, w, bias);
    }
}
