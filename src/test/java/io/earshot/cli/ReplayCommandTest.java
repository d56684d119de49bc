package io.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command on its own arguments, and on the real Twitter customer-support sample when it is there. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return code + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsAreExplained() {
        assertThat(run()).startsWith("2").contains("which file?");
        assertThat(run("a.ndjson", "--speed", "fast")).startsWith("2").contains("--speed takes a factor such as 60x");
        assertThat(run(dir.resolve("missing.ndjson").toString())).startsWith("2").contains("cannot read");
        assertThat(run("a", "--frobnicate")).startsWith("2").contains("unknown option --frobnicate");
    }

    @Test
    void theTwitterSupportSampleReplaysIntoConversationsAndASecondReplayStoresNothing() {
        Path sample = Path.of(System.getenv().getOrDefault("EARSHOT_DATASETS", "../shared/datasets"), "twcs", "twcs_head5000.csv");
        assumeTrue(Files.isReadable(sample), "skipped: the TWCS sample is not at " + sample.toAbsolutePath()
                + " (set EARSHOT_DATASETS to the shared datasets folder)");
        String data = "--earshot.data-dir=" + dir.resolve("data");
        String first = run(sample.toString(), data, "--earshot.admin-token=t");
        assertThat(first).startsWith("0").contains("messages read      5,000");
        int stored = number(first, "stored");
        int rejected = number(first, "rejected");
        assertThat(stored + rejected).isEqualTo(5000);
        assertThat(rejected).as("only brand replies whose parent lies outside the sample").isLessThan(50);
        assertThat(number(first, "new conversations")).isBetween(1000, 2500);
        assertThat(first).contains("event clock now    2017-");
        String second = run(sample.toString(), data, "--earshot.admin-token=t");
        assertThat(number(second, "stored")).isZero();
        assertThat(number(second, "duplicates")).isEqualTo(stored);
    }

    /** The figure on the summary's line for {@code label} (the summary comes after the progress lines). */
    private static int number(String output, String label) {
        String summary = output.substring(output.indexOf("done\n") + 1);
        for (String line : summary.split("\n")) {
            String t = line.trim();
            if (t.startsWith(label + " ")) {
                String digits = t.substring(label.length()).trim().split(" ")[0].replace(",", "");
                return Integer.parseInt(digits);
            }
        }
        throw new AssertionError("no line '" + label + "' in:\n" + output);
    }
}
