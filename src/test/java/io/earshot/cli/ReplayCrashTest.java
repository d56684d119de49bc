package io.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a replay: every batch the replay reported stored is in the database, and
 * replaying the same file after the crash stores the rest and nothing twice. Runs the real command in a
 * separate JVM on the embedded default (an H2 file).
 */
class ReplayCrashTest {

    private static final Pattern PROGRESS = Pattern.compile("^stored (\\d+) duplicate (\\d+) rejected (\\d+) read (\\d+)$");
    private static final int MESSAGES = 12_000;

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostAndNothingIsStoredTwice() throws Exception {
        Path file = dir.resolve("messages.ndjson");
        writeMessages(file);
        Path data = dir.resolve("data");

        Process first = start(file, data);
        long acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = PROGRESS.matcher(line.trim());
                if (m.matches()) {
                    acknowledged = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
                    if (acknowledged >= 2_000) {
                        first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
                        break;
                    }
                }
            }
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("the replay reported progress before it was killed").isGreaterThanOrEqualTo(2_000);

        long storedAfterCrash = countMessages(data);
        assertThat(storedAfterCrash).as("every acknowledged message survived the kill").isGreaterThanOrEqualTo(acknowledged);
        assertThat(storedAfterCrash).as("the kill came before the end").isLessThan(MESSAGES);

        Process second = start(file, data);
        String output;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8))) {
            output = String.join("\n", out.lines().toList());
        }
        assertThat(second.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains("messages read      12,000");
        assertThat(countMessages(data)).isEqualTo(MESSAGES);
        assertThat(output).contains(String.format(java.util.Locale.ROOT, "duplicates         %,d", storedAfterCrash));
    }

    private Process start(Path file, Path data) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.earshot.EarshotApplication");
        cmd.add("replay");
        cmd.add(file.toString());
        cmd.add("--batch");
        cmd.add("250");
        cmd.add("--earshot.data-dir=" + data);
        cmd.add("--earshot.admin-token=crash-test");
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static long countMessages(Path data) throws SQLException {
        String url = "jdbc:h2:file:" + data.resolve("earshot") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select count(*), count(distinct external_id) from message")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no message stored twice").isEqualTo(rs.getLong(2));
            return rs.getLong(1);
        }
    }

    private static void writeMessages(Path file) throws IOException {
        Instant start = Instant.parse("2024-03-01T09:00:00Z");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MESSAGES; i++) {
            String at = start.plusSeconds(i * 7L).toString();
            sb.append("{\"channel\":\"twitter\",\"externalId\":\"crash-").append(i)
                    .append("\",\"direction\":\"inbound\",\"author\":{\"handle\":\"user").append(i % 997)
                    .append("\"},\"text\":\"message ").append(i).append(" my order is late again\",\"createdAt\":\"")
                    .append(at).append("\"}\n");
        }
        Files.writeString(file, sb.toString());
    }
}
