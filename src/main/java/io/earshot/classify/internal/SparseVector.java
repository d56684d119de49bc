package io.earshot.classify.internal;

import java.util.Arrays;

/** A growable list of (32-bit feature hash, value) pairs. Each model masks the hash to its own size. */
public final class SparseVector {
    int[] hashes;
    float[] values;
    int size;

    SparseVector(int capacity) {
        hashes = new int[Math.max(16, capacity)];
        values = new float[hashes.length];
    }

    void add(int hash, float value) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        hashes[size] = hash;
        values[size++] = value;
    }

    /** Multiplies the values from index {@code from} to the end by {@code factor}. */
    void scale(int from, float factor) {
        for (int i = from; i < size; i++) {
            values[i] *= factor;
        }
    }

    /** A copy trimmed to its size, for training sets held in memory. */
    SparseVector compact() {
        SparseVector c = new SparseVector(0);
        c.hashes = Arrays.copyOf(hashes, size);
        c.values = Arrays.copyOf(values, size);
        c.size = size;
        return c;
    }
}
