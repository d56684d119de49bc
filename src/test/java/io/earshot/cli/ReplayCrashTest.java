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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.earshot.TestPostgres;
import io.earshot.platform.internal.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a replay: every batch the replay reported stored is in the database, and
 * replaying the same file after the crash stores the rest and nothing twice. Runs the real command in a
 * separate JVM on the embedded default (Earshot's own PostgreSQL, durable), and kills the database's processes
 * with it, as a power cut would.
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
                        killEverything(first, data); // SIGKILL on Linux: no shutdown hooks, no flush
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
        List<String> cmd = io.earshot.EarshotProcess.command();
        cmd.add("replay");
        cmd.add(file.toString());
        cmd.add("--batch");
        cmd.add("250");
        cmd.add("--earshot.data-dir=" + data);
        cmd.add("--earshot.admin-token=crash-test");
        cmd.add("--earshot.database.binaries-dir=" + TestPostgres.BINARIES);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Starts the data directory's own PostgreSQL (as Earshot would) and counts what it holds. */
    private static long countMessages(Path data) throws SQLException {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(new EmbeddedPostgres.Options(data, TestPostgres.BINARIES, java.util.Map.of(),
                java.time.Duration.ofSeconds(120), true));
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             ResultSet rs = c.createStatement().executeQuery("select count(*), count(distinct external_id) from message")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no message stored twice").isEqualTo(rs.getLong(2));
            return rs.getLong(1);
        }
    }

    /**
     * What a power cut does to the processes: the watchdog, the JVM and every PostgreSQL process die at once with
     * SIGKILL, nobody gets to flush or shut down. PostgreSQL then recovers from its log on the next start.
     */
    private static void killEverything(Process replay, Path data) throws Exception {
        List<ProcessHandle> children = replay.toHandle().children().toList(); // the PostgreSQL watchdog
        children.forEach(ProcessHandle::destroyForcibly);
        replay.destroyForcibly();
        long pid = Long.parseLong(Files.readAllLines(data.resolve("pg").resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().get(30, TimeUnit.SECONDS);
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
