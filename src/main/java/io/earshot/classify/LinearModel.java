package io.earshot.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A multinomial logistic-regression model over hashed features: {@code 2^bits} buckets times K classes,
 * stored bucket-major so that one feature touches K adjacent weights. Immutable after construction.
 *
 * <p>File format (gzip): magic, format version, feature version, bits, K, K labels, K float biases,
 * one float scale, then {@code 2^bits * K} signed bytes (weight = byte * scale). Weights are quantised to
 * 8 bits to keep each file well under 2 MiB; the effect on accuracy is measured by the trainer.
 */
final class LinearModel {
    private static final int MAGIC = 0x45534C4D; // "ESLM"
    private static final int FORMAT = 1;

    final String[] labels;
    final int bits;
    final int mask;
    final int classes;
    final float[] weights;
    final float[] bias;

    LinearModel(String[] labels, int bits, float[] weights, float[] bias) {
        this.labels = labels.clone();
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.classes = labels.length;
        if (weights.length != (1 << bits) * classes || bias.length != classes) {
            throw new IllegalArgumentException("weights do not match 2^bits * classes");
        }
        this.weights = weights;
        this.bias = bias;
    }

    /** Class probabilities (softmax of the scores) written into {@code out}. */
    void probabilities(SparseVector x, double[] out) {
        int k = classes;
        for (int c = 0; c < k; c++) {
            out[c] = bias[c];
        }
        int[] h = x.hashes;
        float[] v = x.values;
        float[] w = weights;
        if (k == 3) {
            double s0 = out[0];
            double s1 = out[1];
            double s2 = out[2];
            for (int i = 0, n = x.size; i < n; i++) {
                int base = (h[i] & mask) * 3;
                float val = v[i];
                s0 += w[base] * val;
                s1 += w[base + 1] * val;
                s2 += w[base + 2] * val;
            }
            out[0] = s0;
            out[1] = s1;
            out[2] = s2;
        } else {
            for (int i = 0, n = x.size; i < n; i++) {
                int base = (h[i] & mask) * k;
                float val = v[i];
                for (int c = 0; c < k; c++) {
                    out[c] += w[base + c] * val;
                }
            }
        }
        softmax(out, k);
    }

    static void softmax(double[] z, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < k; c++) {
            z[c] /= sum;
        }
    }

    /** The same model after an 8-bit round trip, as it will be once saved and loaded. */
    LinearModel quantised() {
        float scale = scale();
        float[] q = new float[weights.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = quantise(weights[i], scale) * scale;
        }
        return new LinearModel(labels, bits, q, bias.clone());
    }

    private float scale() {
        float max = 0;
        for (float w : weights) {
            max = Math.max(max, Math.abs(w));
        }
        return max == 0 ? 1f : max / 127f;
    }

    private static byte quantise(float w, float scale) {
        return (byte) Math.max(-127, Math.min(127, Math.round(w / scale)));
    }

    void write(OutputStream raw) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(FeatureExtractor.FEATURE_VERSION);
            out.writeInt(bits);
            out.writeInt(classes);
            for (String label : labels) {
                out.writeUTF(label);
            }
            for (float b : bias) {
                out.writeFloat(b);
            }
            float scale = scale();
            out.writeFloat(scale);
            byte[] q = new byte[weights.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = quantise(weights[i], scale);
            }
            out.write(q);
        }
    }

    static LinearModel read(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not an Earshot linear model file");
            }
            int featureVersion = in.readInt();
            if (featureVersion != FeatureExtractor.FEATURE_VERSION) {
                throw new IOException("model was trained with feature version " + featureVersion
                        + " but this code extracts version " + FeatureExtractor.FEATURE_VERSION + "; re-train it");
            }
            int bits = in.readInt();
            int classes = in.readInt();
            if (bits < 4 || bits > 24 || classes < 2 || classes > 16) {
                throw new IOException("corrupt model header");
            }
            String[] labels = new String[classes];
            for (int c = 0; c < classes; c++) {
                labels[c] = in.readUTF();
            }
            float[] bias = new float[classes];
            for (int c = 0; c < classes; c++) {
                bias[c] = in.readFloat();
            }
            float scale = in.readFloat();
            byte[] q = new byte[(1 << bits) * classes];
            in.readFully(q);
            float[] w = new float[q.length];
            for (int i = 0; i < q.length; i++) {
                w[i] = q[i] * scale;
            }
            return new LinearModel(labels, bits, w, bias);
        }
    }
}
