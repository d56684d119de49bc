package io.earshot.classify.internal;

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
public final class LinearModel {
    private static final int MAGIC = 0x45534C4D; // "ESLM"
    private static final int FORMAT = 1;

    final String[] labels;
    final int bits;
    final int mask;
    final int classes;
    final float[] weights;
    final float[] bias;
    /**
     * A loaded model's weights as the file holds them, 8-bit, with {@link #scale}: a quarter of the memory of
     * {@link #weights}, so far more of them stay in the processor's cache while scoring. Each weight is
     * {@code quantised[i] * scale}, computed as a float exactly as {@link #read} computes {@link #weights}, so the
     * scores are the same to the last bit. Null for a model in training.
     */
    private final byte[] quantised;
    private final float scale;

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
        this.quantised = null;
        this.scale = 0;
    }

    private LinearModel(String[] labels, int bits, byte[] quantised, float scale, float[] bias) {
        this.labels = labels.clone();
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.classes = labels.length;
        if (quantised.length != (1 << bits) * classes || bias.length != classes) {
            throw new IllegalArgumentException("weights do not match 2^bits * classes");
        }
        this.weights = null;
        this.bias = bias;
        this.quantised = quantised;
        this.scale = scale;
    }

    /** Class probabilities (softmax of the scores) written into {@code out}. */
    public void probabilities(SparseVector x, double[] out) {
        int k = classes;
        for (int c = 0; c < k; c++) {
            out[c] = bias[c];
        }
        int[] h = x.hashes;
        float[] v = x.values;
        if (quantised != null) {
            scoreQuantised(h, v, x.size, out);
            softmax(out, k);
            return;
        }
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

    private void scoreQuantised(int[] h, float[] v, int n, double[] out) {
        byte[] q = quantised;
        float sc = scale;
        int k = classes;
        if (k == 3) {
            double s0 = out[0];
            double s1 = out[1];
            double s2 = out[2];
            for (int i = 0; i < n; i++) {
                int base = (h[i] & mask) * 3;
                float val = v[i];
                s0 += (q[base] * sc) * val;
                s1 += (q[base + 1] * sc) * val;
                s2 += (q[base + 2] * sc) * val;
            }
            out[0] = s0;
            out[1] = s1;
            out[2] = s2;
        } else if (k == 2) {
            double s0 = out[0];
            double s1 = out[1];
            for (int i = 0; i < n; i++) {
                int base = (h[i] & mask) * 2;
                float val = v[i];
                s0 += (q[base] * sc) * val;
                s1 += (q[base + 1] * sc) * val;
            }
            out[0] = s0;
            out[1] = s1;
        } else {
            for (int i = 0; i < n; i++) {
                int base = (h[i] & mask) * k;
                float val = v[i];
                for (int c = 0; c < k; c++) {
                    out[c] += (q[base + c] * sc) * val;
                }
            }
        }
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
        float[] weights = floats();
        float[] q = new float[weights.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = quantise(weights[i], scale) * scale;
        }
        return new LinearModel(labels, bits, q, bias.clone());
    }

    /** The weights as floats (a loaded model's computed from its 8-bit weights). */
    private float[] floats() {
        if (weights != null) {
            return weights;
        }
        float[] w = new float[quantised.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = quantised[i] * scale;
        }
        return w;
    }

    private float scale() {
        float max = 0;
        for (float w : floats()) {
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
            float[] weights = floats();
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
            return new LinearModel(labels, bits, q, scale, bias);
        }
    }
}
