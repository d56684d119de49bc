package io.earshot.classify;

import io.earshot.classify.internal.Datasets;
import io.earshot.classify.internal.ModelEvaluator;
import io.earshot.classify.internal.SignalModels;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Quality gates on the shared data sets (TweetEval val, complaints). These need {@code ../shared/datasets}
 * relative to the project root, or the directory named by {@code EARSHOT_DATASETS}; without it they are
 * skipped, because a fresh clone does not have the data.
 */
class ModelQualityTest {
    /** Measured 0.7018 when the committed model was trained; the gate allows 0.01 of slack. */
    static final double MIN_MACRO_RECALL = 0.6918;
    /** Measured 0.787 (complaint model) and 0.780 (final intent) by 10-fold CV. */
    static final double MIN_COMPLAINT_F1 = 0.777;
    static final double MIN_INTENT_COMPLAINT_F1 = 0.770;

    static Path datasets() {
        String env = System.getenv("EARSHOT_DATASETS");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "datasets");
    }

    @Test
    void meetsTheMeasuredQuality() {
        Path dir = datasets();
        assumeTrue(Datasets.present(dir), "skipped: shared data sets not found at " + dir.toAbsolutePath()
                + " (set EARSHOT_DATASETS to the folder holding semeval4a/, tweeteval/ and complaints/)");
        ModelEvaluator.Report r = new ModelEvaluator().run(dir, System.out, false);
        assertTrue(r.macroRecall() >= MIN_MACRO_RECALL, "TweetEval val macro recall " + r.macroRecall());
        assertTrue(r.complaintF1() >= MIN_COMPLAINT_F1, "complaint F1 " + r.complaintF1());
        assertTrue(r.intentComplaintF1() >= MIN_INTENT_COMPLAINT_F1, "intent complaint F1 " + r.intentComplaintF1());
    }

    @Test
    void modelFilesAreWellUnderTwoMebibytes() throws IOException {
        for (String name : new String[] {SignalModels.SENTIMENT_FILE, SignalModels.COMPLAINT_FILE}) {
            try (InputStream in = getClass().getResourceAsStream(SignalModels.RESOURCE_DIR + name)) {
                assertTrue(in != null, name + " missing");
                long size = in.readAllBytes().length;
                assertTrue(size < 1024 * 1024, name + " is " + size + " bytes");
            }
        }
    }
}
