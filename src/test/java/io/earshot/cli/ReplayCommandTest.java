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
        int code = new ReplayCommand(io.earshot.EarshotApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
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
        String first = run(sample.toString(), data, "--earshot.admin-token=t", "--earshot.database.binaries-dir=" + io.earshot.TestPostgres.BINARIES, "--earshot.database.durable=false");
        assertThat(first).startsWith("0").contains("messages read      5,000");
        int stored = number(first, "stored");
        int rejected = number(first, "rejected");
        assertThat(stored + rejected).isEqualTo(5000);
        assertThat(rejected).as("only brand replies whose parent lies outside the sample").isLessThan(50);
        assertThat(number(first, "new conversations")).isBetween(1000, 2500);
        assertThat(first).contains("event clock now    2017-");
        String second = run(sample.toString(), data, "--earshot.admin-token=t", "--earshot.database.binaries-dir=" + io.earshot.TestPostgres.BINARIES, "--earshot.database.durable=false");
        assertThat(number(second, "stored")).isZero();
        assertThat(number(second, "duplicates")).isEqualTo(stored);
    }

    /**
     * During a replay time follows the events, so timers fire as they would have: a promise in a replayed brand
     * reply is found, and broken once the events pass its due time without another reply.
     */
    @Test
    void aReplayFindsPromisesInBrandRepliesAndBreaksThemOnEventTime() throws Exception {
        Path file = dir.resolve("story.ndjson");
        Files.writeString(file, String.join("\n",
                "{\"channel\":\"twitter\",\"externalId\":\"t1\",\"direction\":\"inbound\",\"author\":{\"handle\":\"listener\"},"
                        + "\"text\":\"@pandora the ad-free survey is broken, I am annoyed\",\"createdAt\":\"2015-03-02T10:00:00Z\"}",
                "{\"channel\":\"twitter\",\"externalId\":\"t2\",\"direction\":\"outbound\",\"author\":{\"handle\":\"pandora_support\"},"
                        + "\"text\":\"@listener Sorry! We'll look into it and get back to you within 24 hours.\",\"inReplyTo\":\"t1\","
                        + "\"createdAt\":\"2015-03-02T10:03:00Z\"}",
                "{\"channel\":\"twitter\",\"externalId\":\"t3\",\"direction\":\"inbound\",\"author\":{\"handle\":\"someone\"},"
                        + "\"text\":\"love the new playlists\",\"createdAt\":\"2015-03-13T10:00:00Z\"}") + "\n");
        Path data = dir.resolve("story-data");
        String out = run(file.toString(), "--earshot.data-dir=" + data, "--earshot.admin-token=t", "--earshot.database.binaries-dir=" + io.earshot.TestPostgres.BINARIES, "--earshot.database.durable=false");
        assertThat(out).startsWith("0");
        assertThat(number(out, "promises found")).isEqualTo(1);
        assertThat(number(out, "alerts raised")).isGreaterThanOrEqualTo(2);
        try (io.earshot.platform.internal.EmbeddedPostgres pg = io.earshot.platform.internal.EmbeddedPostgres.start(new io.earshot.platform.internal.EmbeddedPostgres.Options(
                data, io.earshot.TestPostgres.BINARIES, java.util.Map.of(), java.time.Duration.ofSeconds(60), false));
             java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            try (var rs = c.createStatement().executeQuery("select state, kind, due_at, broken_at from commitment")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("broken");
                assertThat(rs.getString(2)).isEqualTo("update");
                assertThat(java.time.Instant.ofEpochMilli(rs.getLong(3))).isEqualTo(java.time.Instant.parse("2015-03-03T10:03:00Z"));
            }
            try (var rs = c.createStatement().executeQuery("select kind, count(*) from alert group by kind order by kind")) {
                java.util.Map<String, Integer> kinds = new java.util.HashMap<>();
                while (rs.next()) {
                    kinds.put(rs.getString(1), rs.getInt(2));
                }
                assertThat(kinds).containsEntry("commitment_broken", 1).containsEntry("commitment_due", 1).containsKey("silent_customer");
            }
        }
    }

    /**
     * Listening on a replay (the Pandora story, seed 001): a topic given on the command line counts every message
     * about it in its series as the events pass, and the evening the player froze for many listeners at once is
     * alerted as a spike in event time, while two quiet days before it are not.
     */
    @Test
    void aReplayStoresTheTopicsSeriesAndAlertsTheWaveInEventTime() throws Exception {
        Path file = dir.resolve("pandora.ndjson");
        java.util.Random random = new java.util.Random(7);
        StringBuilder lines = new StringBuilder();
        java.time.Instant t = java.time.Instant.parse("2015-03-02T00:00:00Z");
        int n = 0;
        int about = 0;
        while (t.isBefore(java.time.Instant.parse("2015-03-04T18:00:00Z"))) {
            boolean aboutPlayer = random.nextInt(3) == 0;
            lines.append(line("q" + n, "fan" + random.nextInt(300), aboutPlayer ? "the player is fine today @pandora" : "new playlists look good", t));
            about += aboutPlayer ? 1 : 0;
            n++;
            t = t.plusSeconds(300 + random.nextInt(900));
        }
        java.time.Instant onset = java.time.Instant.parse("2015-03-04T19:00:00Z");
        for (int i = 0; i < 60; i++) {
            lines.append(line("w" + i, "listener" + i, "@pandora the player froze again, stuck on the same song, annoying", onset.plusSeconds(i * 10L)));
            about++;
        }
        Files.writeString(file, lines.toString());
        Path data = dir.resolve("pandora-data");
        String out = run(file.toString(), "--topic", "Player=player OR #pandora", "--earshot.data-dir=" + data, "--earshot.admin-token=t",
                "--earshot.database.binaries-dir=" + io.earshot.TestPostgres.BINARIES, "--earshot.database.durable=false");
        assertThat(out).startsWith("0").contains("listening for Player: player OR #pandora");
        String spikes = out.substring(out.indexOf("  spikes"));
        // the topic's volume and negative series once each, at the wave (and every inbound message's, at most once each)
        assertThat(number(out, "spikes")).as(out).isBetween(2, 4);
        assertThat(spikes.lines().filter(l -> l.contains("about Player")).toList()).hasSize(2)
                .allMatch(l -> l.contains("2015-03-04T19:") && l.contains("froze"));
        try (io.earshot.platform.internal.EmbeddedPostgres pg = io.earshot.platform.internal.EmbeddedPostgres.start(new io.earshot.platform.internal.EmbeddedPostgres.Options(
                data, io.earshot.TestPostgres.BINARIES, java.util.Map.of(), java.time.Duration.ofSeconds(60), false));
             java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             var rs = c.createStatement().executeQuery("select bucket_ms, sum(volume) from topic_series where topic_id <> 0 group by bucket_ms order by bucket_ms")) {
            int levels = 0;
            while (rs.next()) {
                assertThat(rs.getLong(2)).as("every message about the player, in every bucket size").isEqualTo(about);
                levels++;
            }
            assertThat(levels).isEqualTo(4);
        }
    }

    private static String line(String id, String handle, String text, java.time.Instant at) {
        return "{\"channel\":\"twitter\",\"externalId\":\"" + id + "\",\"direction\":\"inbound\",\"author\":{\"handle\":\"" + handle
                + "\"},\"text\":\"" + text + "\",\"createdAt\":\"" + at + "\"}\n";
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
