package io.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect-spikes} on a small NAB-format file written here: four days of 5-minute counts with one wave. */
class DetectSpikesCliTest {

    @TempDir
    Path dir;

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new DetectSpikesCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void printsEachPointWithAnAlertFlagAndAlertsOnTheWave() throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime t = LocalDateTime.of(2015, 3, 2, 0, 2, 53);
        Random r = new Random(3);
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        int points = 4 * 288;
        int wave = 3 * 288 + 150;
        for (int i = 0; i < points; i++) {
            int hour = t.plusMinutes(5L * i).getHour();
            long v = 20 + (hour >= 9 && hour < 18 ? 20 : 0) + r.nextInt(8) + (i >= wave && i < wave + 6 ? 600 : 0);
            lines.add(t.plusMinutes(5L * i).format(f) + "," + v);
        }
        Path file = dir.resolve("series.csv");
        Files.write(file, lines);

        String[] result = run(file.toString());
        assertThat(result[0]).isEqualTo("0");
        List<String> out = result[1].lines().toList();
        assertThat(out).hasSize(points + 1);
        assertThat(out.get(0)).isEqualTo("timestamp,value,alert");
        for (int i = 1; i <= points; i++) {
            assertThat(out.get(i)).startsWith(lines.get(i) + ",").matches(".*,[01]");
        }
        List<Integer> alerts = new ArrayList<>();
        for (int i = 1; i <= points; i++) {
            if (out.get(i).endsWith(",1")) {
                alerts.add(i - 1);
            }
        }
        assertThat(alerts).containsExactly(wave);
    }

    @Test
    void badArgumentsAreExplained() {
        assertThat(run()).satisfies(r -> assertThat(r[0] + r[2]).startsWith("2").contains("which file?"));
        assertThat(run(dir.resolve("none.csv").toString())[2]).contains("cannot read");
        assertThat(run("a.csv", "--sensitivity=extreme")[2]).contains("low, normal or high");
        assertThat(run("a.csv", "--frobnicate")[0]).isEqualTo("2");
    }
}
