package io.earshot.classify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed model files, loaded from the classpath. */
public final class SignalModels {
    public static final String SENTIMENT_FILE = "sentiment.bin.gz";
    public static final String COMPLAINT_FILE = "complaint.bin.gz";
    public static final String RESOURCE_DIR = "/models/";
    /** Training texts are tweets; this only guards against pathological rows. */
    static final int TRAINING_MAX_CHARS = 20000;

    public final LinearModel sentiment;
    public final LinearModel complaint;

    SignalModels(LinearModel sentiment, LinearModel complaint) {
        if (sentiment.classes != 3 || complaint.classes != 2) {
            throw new IllegalArgumentException("unexpected model shapes");
        }
        this.sentiment = sentiment;
        this.complaint = complaint;
    }

    public static SignalModels fromClasspath() {
        return new SignalModels(load(SENTIMENT_FILE), load(COMPLAINT_FILE));
    }

    private static LinearModel load(String name) {
        try (InputStream in = SignalModels.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("model " + RESOURCE_DIR + name + " is not on the classpath");
            }
            return LinearModel.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model " + name, e);
        }
    }
}
