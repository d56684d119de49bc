package io.earshot.followup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.earshot.followup.BusinessCalendar;
import io.earshot.ingest.internal.CharSource;
import io.earshot.ingest.internal.CsvRecord;
import io.earshot.ingest.internal.Rfc4180Reader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Measures {@link EnglishPromiseFinder} on real brand replies written by others: every company reply in the shared
 * TWCS sample ({@code twcs/twcs_head5000.csv} and the three labelled outbound files), 2,521 in all, labelled by
 * annotators who never saw the finder or its output ({@code followup/twcs-promises.jsonl}: ids and labels only,
 * the texts stay in {@code ../shared/datasets}). The split is by brand: the rules may be tuned on the {@code dev}
 * brands' replies, never on the {@code test} brands'. Needs the shared data sets ({@code $EARSHOT_DATASETS} or
 * {@code ../shared/datasets}) and is skipped without them. The table goes to {@code target/twcs-promise-eval.txt};
 * {@code -Dpromises.verbose=true} lists the dev errors ({@code =test} the test ones, for reporting only).
 */
class TwcsPromiseQualityTest {

    static final String LABELS = "/followup/twcs-promises.jsonl";
    static final String HEAD = "twcs/twcs_head5000.csv";
    static final String LABELLED = "twcs/labeled_samples/labeled";

    /** Gates on the test brands (see docs/models/commitments.md for the figures and the targets). */
    static final double MIN_TEST_PRECISION = 0.90;
    static final double MIN_TEST_RECALL = 0.50;
    static final double MIN_TEST_DUE = 0.95;

    static Path datasets() {
        String env = System.getenv("EARSHOT_DATASETS");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "datasets");
    }

    /** The reply texts by tweet id, as the annotators saw them (a bare CR read as a space). */
    static Map<String, String> texts(Path root) throws IOException {
        Map<String, String> texts = new HashMap<>();
        read(root.resolve(HEAD), texts);
        try (var files = Files.list(root.resolve(LABELLED))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-outbound.csv")).sorted().toList()) {
                read(f, texts);
            }
        }
        return texts;
    }

    private static void read(Path csv, Map<String, String> into) throws IOException {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             Rfc4180Reader in = new Rfc4180Reader(new CharSource(r), 1 << 20)) {
            List<String> header = in.next().fields();
            int id = header.indexOf("tweet_id");
            int text = header.indexOf("text");
            int inbound = header.indexOf("inbound");
            for (CsvRecord rec = in.next(); rec != null; rec = in.next()) {
                List<String> f = rec.fields();
                boolean company = f.get(inbound).equals("False") || f.get(inbound).equals("0");
                if (company) {
                    into.putIfAbsent(f.get(id), f.get(text).replace('\r', ' '));
                }
            }
        }
    }

    static List<PromiseFinderQualityTest.Item> load(Map<String, String> texts) throws IOException {
        List<PromiseFinderQualityTest.Item> items = new ArrayList<>();
        for (JsonNode o : io.earshot.TestFiles.jsonLines(LABELS)) {
            String id = o.get("id").asString();
            String text = texts.get(id);
            assertTrue(text != null, "no company reply with tweet id " + id + " in the shared TWCS files");
            List<PromiseFinderQualityTest.Labelled> promises = new ArrayList<>();
            for (JsonNode p : o.get("promises")) {
                JsonNode due = p.get("due");
                promises.add(new PromiseFinderQualityTest.Labelled(p.get("kind").asString(),
                        due == null || due.isNull() ? null : Instant.parse(due.asString())));
            }
            items.add(new PromiseFinderQualityTest.Item(id, o.get("split").asString(), Instant.parse(o.get("saidAt").asString()),
                    BusinessCalendar.DEFAULT, text, promises));
        }
        return items;
    }

    @Test
    void holdsOnRealRepliesOfBrandsTheRulesWereNotTunedOn() throws IOException {
        Path root = datasets();
        assumeTrue(Files.isReadable(root.resolve(HEAD)) && Files.isDirectory(root.resolve(LABELLED)),
                () -> "SKIPPED: the shared TWCS files are not at " + root.toAbsolutePath() + " (set EARSHOT_DATASETS)");
        List<PromiseFinderQualityTest.Item> items = load(texts(root));
        assertEquals(2521, items.size(), "every company reply of the sample is labelled once");

        Map<String, PromiseFinderQualityTest.Tally> tallies = PromiseFinderQualityTest.evaluate(items, LABELS, "twcs-promise-eval.txt");
        PromiseFinderQualityTest.Tally test = tallies.get("test");
        assertTrue(test.pAny() >= MIN_TEST_PRECISION, "test-brand promise precision (any kind) " + test.pAny());
        assertTrue(test.rAny() >= MIN_TEST_RECALL, "test-brand promise recall (any kind) " + test.rAny());
        assertTrue(test.due() >= MIN_TEST_DUE, "test-brand due-date accuracy " + test.due());
    }
}
