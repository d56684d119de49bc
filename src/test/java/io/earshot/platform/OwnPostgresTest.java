package io.earshot.platform;

import io.earshot.platform.internal.EmbeddedDatabaseException;
import io.earshot.platform.internal.EmbeddedPostgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.EarshotProcess;
import io.earshot.Http;
import io.earshot.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Earshot's own PostgreSQL, as a new user meets it: the first start makes it, the second finds it, a clean stop
 * stops it, {@code kill -9} leaves nothing that blocks the next start and loses nothing acknowledged, a second
 * Earshot on the same data directory is refused in words, and a damaged, read-only or full data directory is
 * explained rather than thrown. Earshot runs in JVMs of its own ({@link EarshotProcess}), on real PostgreSQL
 * processes.
 */
class OwnPostgresTest {

    private static final String ADMIN = "own-postgres-admin";
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theFirstStartMakesTheDatabaseTheSecondFindsItAndACleanStopStopsIt() throws Exception {
        Path data = dir.resolve("data");
        long firstPostmaster;
        String accountId;
        try (EarshotProcess first = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(first.awaitStarted(START)).as(first.output()).isTrue();
            assertThat(first.output()).contains("PostgreSQL 18.3 on 127.0.0.1:").contains("(created in ");
            assertThat(post(first, "first-", 0, 20)).containsOnly("created");
            // no EARSHOT_SECRET_KEY: Earshot's own key seals a channel account's secret
            Http.Answer account = new Http(first.port()).post("/api/v1/channel-accounts", Map.of("kind", "webhook", "name", "Shop",
                    "settings", Map.of(), "secrets", Map.of("secret", "a-signing-secret-of-some-length")), ADMIN);
            assertThat(account.status()).as(account.raw()).isEqualTo(201);
            accountId = account.get("id").asString();
            firstPostmaster = postmasterPid(data);
            assertThat(first.stop()).as("ended by SIGTERM after its shutdown hooks").isIn(0, 143);
        }
        awaitGone(firstPostmaster, Duration.ofSeconds(5), "PostgreSQL stopped with Earshot");
        assertThat(data.resolve("pg").resolve("postmaster.pid")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(data.resolve("pg.password"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(data.resolve("secret.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String password = Files.readString(data.resolve("pg.password")).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Files.readString(data.resolve("pg").resolve("earshot.conf")))
                .contains("listen_addresses = '127.0.0.1'", "fsync = 'on'", "synchronous_commit = 'on'");

        try (EarshotProcess second = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(second.awaitStarted(START)).as(second.output()).isTrue();
            assertThat(second.output()).contains("(started in ").doesNotContain("(created in ");
            assertThat(post(second, "first-", 0, 20)).as("stored before the restart").containsOnly("duplicate");
            assertThat(conversations(second)).isEqualTo(20);
            // the same key at the second start: the account's secret still opens
            Http.Answer check = new Http(second.port()).post("/api/v1/channel-accounts/" + accountId + "/check", Map.of(), ADMIN);
            assertThat(check.get("ok").asBoolean()).as(check.raw()).isTrue();
        }
    }

    @Test
    void theFirstStartShowsTheAdminCredentialsOnceOnTheConsoleAndNeverInTheLog() throws Exception {
        Path data = dir.resolve("fresh");
        Path logFile = dir.resolve("earshot.log");
        String token;
        try (EarshotProcess first = EarshotProcess.start(data, "--logging.file.name=" + logFile)) {
            assertThat(first.awaitStarted(START)).as(first.output()).isTrue();
            String out = first.output();
            java.util.regex.Matcher shown = java.util.regex.Pattern
                    .compile("\\| +Admin API token[^\\n]*\\n\\| +(\\S+) +\\|").matcher(out);
            assertThat(shown.find()).as("the token in the box:\n" + out).isTrue();
            String shownToken = shown.group(1);
            token = shownToken;
            java.util.regex.Matcher password = java.util.regex.Pattern
                    .compile("\\| +Desk password: sign in at /login as admin@earshot.local with +\\|\\n\\| +(\\S+) +\\|").matcher(out);
            assertThat(password.find()).as("the password in the box:\n" + out).isTrue();
            String shownPassword = password.group(1);
            assertThat(out.lines().filter(l -> l.contains(shownToken) || l.contains(shownPassword)))
                    .as("shown only inside the box, on no log line").hasSize(2).allMatch(l -> l.startsWith("|  "));
            Http.Answer audit = new Http(first.port()).get("/api/v1/audit", token);
            assertThat(audit.status()).as("the shown token is the admin's: " + audit.raw()).isEqualTo(200);
            assertThat(new Http(first.port()).get("/api/v1/audit", token + "x").status()).isEqualTo(401);
            assertThat(Files.readString(logFile)).contains("shown once on the console")
                    .doesNotContain(shownToken).doesNotContain(shownPassword);
            assertThat(first.stop()).isIn(0, 143);
        }
        try (EarshotProcess second = EarshotProcess.start(data, "--logging.file.name=" + logFile)) {
            assertThat(second.awaitStarted(START)).as(second.output()).isTrue();
            assertThat(second.output()).doesNotContain("Admin API token").doesNotContain("Desk password");
            assertThat(new Http(second.port()).get("/api/v1/audit", token).status()).isEqualTo(200);
        }
    }

    @Test
    void killDashNineLosesNothingAcknowledgedAndTheWatchdogStopsPostgres() throws Exception {
        Path data = dir.resolve("data");
        long postmaster;
        try (EarshotProcess first = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(first.awaitStarted(START)).as(first.output()).isTrue();
            assertThat(post(first, "k-", 0, 300)).containsOnly("created");
            postmaster = postmasterPid(data);
            first.kill();
        }
        awaitGone(postmaster, Duration.ofSeconds(15), "the watchdog stops the PostgreSQL of a killed Earshot");
        try (EarshotProcess second = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(second.awaitStarted(START)).as(second.output()).isTrue();
            assertThat(post(second, "k-", 0, 300)).as("every acknowledged message, once").containsOnly("duplicate");
            assertThat(post(second, "k-", 300, 310)).containsOnly("created");
        }
    }

    @Test
    void aServerLeftRunningByAKilledEarshotIsStoppedByTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        long postmaster;
        try (EarshotProcess first = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(first.awaitStarted(START)).as(first.output()).isTrue();
            assertThat(post(first, "o-", 0, 10)).containsOnly("created");
            postmaster = postmasterPid(data);
            first.handle().children().forEach(ProcessHandle::destroyForcibly); // the watchdog first: leave an orphan
            first.kill();
        }
        Thread.sleep(2500);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the orphan is still there").contains(true);
        try (EarshotProcess second = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(second.awaitStarted(START)).as(second.output()).isTrue();
            assertThat(second.output()).contains("Stopping the PostgreSQL (process " + postmaster + ") that an earlier Earshot left running");
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
            assertThat(post(second, "o-", 0, 10)).containsOnly("duplicate");
        }
    }

    @Test
    void aSecondEarshotOnTheSameDataDirectoryIsRefusedInWords() throws Exception {
        Path data = dir.resolve("data");
        try (EarshotProcess first = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(first.awaitStarted(START)).as(first.output()).isTrue();
            try (EarshotProcess second = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
                assertThat(second.awaitExit(START)).isNotZero();
                assertThat(second.output())
                        .contains("APPLICATION FAILED TO START")
                        .contains("Another Earshot (process " + first.handle().pid() + ") is already running on the data directory")
                        .contains("Stop the other Earshot first, or start this one with its own --earshot.data-dir.")
                        .doesNotContain("\tat ", "Exception");
            }
            assertThat(post(first, "s-", 0, 3)).as("the first one is unharmed").containsOnly("created");
        }
    }

    @Test
    void aDamagedDataDirectoryIsExplained() throws Exception {
        Path data = dir.resolve("data");
        EmbeddedPostgres.start(options(data)).close();
        Files.delete(data.resolve("pg").resolve("global").resolve("pg_control"));
        try (EarshotProcess earshot = EarshotProcess.start(data, "--earshot.admin-token=" + ADMIN)) {
            assertThat(earshot.awaitExit(START)).isNotZero();
            assertThat(earshot.output()).contains("APPLICATION FAILED TO START")
                    .contains("Earshot's PostgreSQL in " + data.resolve("pg") + " did not start")
                    .contains("pg_control")
                    .contains("look damaged. Restore the directory from a backup, or move it aside")
                    .doesNotContain("\tat ");
        }
        Files.delete(data.resolve("pg").resolve("PG_VERSION"));
        assertThatThrownBy(() -> EmbeddedPostgres.start(options(data))).isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("is not a PostgreSQL data directory");
    }

    @Test
    void aMissingPasswordFileIsExplained() {
        Path data = dir.resolve("data");
        EmbeddedPostgres.start(options(data)).close();
        assertThat(data.resolve("pg.password").toFile().delete()).isTrue();
        assertThatThrownBy(() -> EmbeddedPostgres.start(options(data))).isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("pg.password")
                .satisfies(e -> assertThat(((EmbeddedDatabaseException) e).action()).contains("Put back the file"));
    }

    @Test
    void aReadOnlyDataDirectoryIsExplained() throws Exception {
        Path data = dir.resolve("data");
        EmbeddedPostgres.start(options(data)).close();
        List<Path> locked = List.of(data.resolve("pg"), data);
        try {
            for (Path p : locked) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-x------"));
            }
            assertThatThrownBy(() -> EmbeddedPostgres.start(options(data))).isInstanceOf(EmbeddedDatabaseException.class)
                    .satisfies(e -> assertThat(((EmbeddedDatabaseException) e).action())
                            .contains("Earshot cannot write to " + data + " (read-only, or owned by another user)"));
        } finally {
            for (Path p : locked) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        }
        EmbeddedPostgres.start(options(data)).close(); // and all is well once it is writable again
    }

    @Test
    void aFullDiskIsExplained() throws Exception {
        Path small = dir.resolve("small");
        Files.createDirectories(small);
        mountTmpfs(small, "12m");
        try {
            assertThatThrownBy(() -> EmbeddedPostgres.start(options(small.resolve("data"))))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .satisfies(e -> assertThat(((EmbeddedDatabaseException) e).action())
                            .contains("The disk holding " + small.resolve("data") + " is full")
                            .contains("MB free"));
            assertThat(small.resolve("data").resolve("pg")).as("nothing half-made is left as the data directory").doesNotExist();
        } finally {
            unmount(small);
        }
    }

    // --- helpers ---

    private static EmbeddedPostgres.Options options(Path data) {
        return new EmbeddedPostgres.Options(data, TestPostgres.BINARIES, Map.of(), Duration.ofSeconds(60), false);
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("pg").resolve("postmaster.pid")).get(0).strip());
    }

    private static void awaitGone(long pid, Duration timeout, String why) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as(why).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Posts messages {@code from..to} (inbound, one customer each); the result status of each. */
    private static List<String> post(EarshotProcess earshot, String prefix, int from, int to) {
        StringBuilder body = new StringBuilder("[");
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"channel\":\"twitter\",\"externalId\":\"").append(prefix).append(i)
                    .append("\",\"direction\":\"inbound\",\"author\":{\"handle\":\"").append(prefix).append("c").append(i)
                    .append("\"},\"text\":\"my order is late\",\"createdAt\":\"").append(at.plusSeconds(i)).append("\"}");
        }
        Http.Answer a = new Http(earshot.port()).postRaw("/api/v1/messages", body.append("]").toString(), "application/json", ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        List<String> statuses = new ArrayList<>();
        a.get("results").forEach(r -> statuses.add(r.get("status").asString()));
        return statuses;
    }

    private static int conversations(EarshotProcess earshot) {
        JsonNode items = new Http(earshot.port()).get("/api/v1/conversations?status=all&limit=200", ADMIN).get("items");
        return items.size();
    }

    private static void mountTmpfs(Path at, String size) throws Exception {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        Assumptions.assumeTrue(root, "a full disk is made by mounting a small tmpfs, which needs root (CI runs as root)");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("mount: " + out).isZero();
    }

    private static void unmount(Path at) throws Exception {
        new ProcessBuilder("umount", "-l", at.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
