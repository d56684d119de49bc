package io.earshot.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that Earshot runs itself (ADR 0011): the binaries shipped in the jar, data in
 * {@code <data-dir>/pg}, bound to 127.0.0.1 on a free port, a generated password kept in {@code <data-dir>/pg.password}
 * readable by its owner only, and production durability ({@code fsync} and {@code synchronous_commit} on) unless told
 * otherwise (tests).
 * <p>
 * It is made to survive what users do: a lock on {@code <data-dir>/earshot.lock} gives a second Earshot on the same
 * data directory a clear refusal; a server left running by an Earshot that was killed ({@code kill -9}) is found by
 * its {@code postmaster.pid} and stopped before a new one starts, and while Earshot runs a small watchdog process
 * stops the server if Earshot dies without stopping it; a new data directory is made aside and renamed into place,
 * so an interrupted first start leaves nothing half-made; a full disk, a read-only or damaged directory are reported
 * in words with what to do, not as a stack trace ({@link EmbeddedDatabaseFailureAnalyzer}).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /**
     * How to run it.
     *
     * @param dataDir        Earshot's data directory: the server's files go in {@code pg/} under it
     * @param binariesDir    where the binaries are unpacked (one directory per archive, shared safely)
     * @param serverSettings extra {@code postgresql.conf} settings, applied last
     * @param startTimeout   how long a start may take (crash recovery after a hard stop can take a while)
     * @param durable        {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on; only tests turn it off
     */
    public record Options(Path dataDir, Path binariesDir, Map<String, String> serverSettings, Duration startTimeout,
                          boolean durable) {

        public static Options of(Path dataDir) {
            return new Options(dataDir, dataDir.resolve("pg-binaries"), Map.of(), Duration.ofSeconds(120), true);
        }
    }

    public static final String USER = "earshot";
    public static final String DATABASE = "earshot";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final int PORT_ATTEMPTS = 4;

    private final Options options;
    private final Path dataDir;
    private final Path pgData;
    private final Path passwordFile;
    private final Path startLog;
    private FileChannel lockChannel;
    private FileLock lock;
    private Path bin;
    private List<String> runAs = List.of();
    private String password;
    private int port;
    private long serverPid;
    private Process watchdog;
    private boolean closed;

    private EmbeddedPostgres(Options options) {
        this.options = options;
        this.dataDir = options.dataDir().toAbsolutePath().normalize();
        this.pgData = dataDir.resolve("pg");
        this.passwordFile = dataDir.resolve("pg.password");
        this.startLog = dataDir.resolve("pg-start.log");
    }

    /** Prepares and starts the server, or explains why it cannot ({@link EmbeddedDatabaseException}). */
    public static EmbeddedPostgres start(Options options) {
        EmbeddedPostgres pg = new EmbeddedPostgres(options);
        long started = System.nanoTime();
        pg.lock();
        try {
            pg.bin = PostgresBinaries.install(options.binariesDir().toAbsolutePath().normalize()).resolve("bin");
            pg.runAs = pg.runAsCommand();
            boolean fresh = !Files.exists(pg.pgData.resolve("PG_VERSION"));
            if (fresh) {
                pg.initialise();
            }
            pg.password = pg.readPassword();
            pg.stopLeftover();
            pg.startServer();
            pg.serverPid = pg.readServerPid();
            pg.watchdog = pg.startWatchdog();
            pg.createDatabase(DATABASE);
            log.info("PostgreSQL {} on 127.0.0.1:{}, data in {} ({} in {} ms)", pg.version(), pg.port, pg.pgData,
                    fresh ? "created" : "started", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The server's process id (its postmaster). */
    public long serverPid() {
        return serverPid;
    }

    public Path pgData() {
        return pgData;
    }

    /** Creates a database if it does not exist yet (tests give each application context one of its own). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("PostgreSQL started but the database '" + name + "' could not be created: "
                    + e.getMessage(), adviceFromLog(e.getMessage()), e);
        }
    }

    /** Drops a database (tests), if it exists. */
    public void dropDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name, e);
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    /** Stops the server (a fast shutdown: open transactions are rolled back, everything committed is kept). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watchdog != null) {
            watchdog.destroy();
        }
        if (port != 0) {
            Result stop = run(List.of(pgCtl(), "stop", "-D", pgData.toString(), "-m", "fast", "-w", "-t", "60", "-s"),
                    Duration.ofSeconds(75));
            if (stop.code() != 0) {
                log.warn("PostgreSQL did not stop within a minute ({}); stopping it at once", stop.output().strip());
                run(List.of(pgCtl(), "stop", "-D", pgData.toString(), "-m", "immediate", "-w", "-t", "30", "-s"),
                        Duration.ofSeconds(40));
            } else {
                log.info("PostgreSQL stopped");
            }
            awaitExit(serverPid, Duration.ofSeconds(10));
        }
        releaseLock();
    }

    /** pg_ctl returns once the server has removed its pid file; its process may take a moment more to end. */
    private static void awaitExit(long pid, Duration timeout) {
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("PostgreSQL (process {}) is still ending", pid);
            }
        });
    }

    // --- the lock: one Earshot per data directory ---

    private void lock() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not create the data directory " + dataDir + ": " + e.getMessage(),
                    DiskTrouble.advice(dataDir, e), e);
        }
        Path lockFile = dataDir.resolve("earshot.lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).strip();
                lockChannel.close();
                lockChannel = null;
                throw new EmbeddedDatabaseException("Another Earshot" + (holder.isEmpty() ? "" : " (process " + holder + ")")
                        + " is already running on the data directory " + dataDir + ".",
                        "Stop the other Earshot first, or start this one with its own --earshot.data-dir.", null);
            }
            lockChannel.truncate(0);
            lockChannel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            lockChannel.force(true);
        } catch (IOException e) {
            releaseLock();
            throw new EmbeddedDatabaseException("Could not lock the data directory " + dataDir + ": " + e.getMessage(),
                    DiskTrouble.advice(dataDir, e), e);
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
        lock = null;
        lockChannel = null;
    }

    // --- a new data directory ---

    private void initialise() {
        if (Files.isDirectory(pgData) && !isEmpty(pgData)) {
            throw new EmbeddedDatabaseException(pgData + " is not a PostgreSQL data directory (its PG_VERSION file is missing): "
                    + "it may be damaged, or it was not made by Earshot.",
                    "Move " + pgData + " aside (keep it if it holds data you need) and start Earshot again to begin "
                            + "with an empty database, or restore it from a backup.", null);
        }
        Path partial = dataDir.resolve("pg.initdb");
        Path pwfile = dataDir.resolve("pg.initdb.pw");
        PostgresBinaries.deleteTree(partial);
        String generated = generatePassword();
        try {
            writeOwnerOnly(pwfile, generated);
            List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", partial.toString(),
                    "-U", USER, "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C",
                    "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-instructions"));
            Result r = run(initdb, options.startTimeout());
            if (r.code() != 0) {
                throw new EmbeddedDatabaseException("Could not create a PostgreSQL data directory in " + partial + ":\n"
                        + indent(r.output()), adviceFromLog(r.output()), null);
            }
            Files.writeString(partial.resolve("postgresql.conf"), "\n# Earshot writes earshot.conf at every start.\n"
                    + "include_if_exists = 'earshot.conf'\n", StandardOpenOption.APPEND);
            writeOwnerOnly(passwordFile, generated);
            move(partial, pgData);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not create the database in " + dataDir + ": " + e.getMessage(),
                    DiskTrouble.advice(dataDir, e), e);
        } finally {
            try {
                Files.deleteIfExists(pwfile);
            } catch (IOException ignored) {
                // nothing of worth in it once initdb has read it
            }
            PostgresBinaries.deleteTree(partial);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        if (Files.isDirectory(to)) {
            Files.delete(to); // empty (checked above)
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String generatePassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private String readPassword() {
        try {
            return Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The password of Earshot's PostgreSQL (" + passwordFile + ") cannot be read: "
                    + e.getMessage(), "Put back the file " + passwordFile + " (it was made beside " + pgData + " when the "
                    + "database was created), or move " + pgData + " aside to start with an empty database.", e);
        }
    }

    // --- a server left running by an Earshot that died ---

    private void stopLeftover() {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (IOException | NumberFormatException e) {
            pid = -1;
        }
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (process.isEmpty() || !process.get().isAlive()) {
            return; // a stale file: PostgreSQL sees that its process is gone and starts normally
        }
        String command = process.get().info().command().orElse("");
        if (!command.isEmpty() && !command.endsWith("postgres")) {
            log.warn("{} names process {} ({}), which is not PostgreSQL: removing the stale file", pidFile, pid, command);
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new EmbeddedDatabaseException("Could not remove the stale " + pidFile + ": " + e.getMessage(),
                        DiskTrouble.advice(pgData, e), e);
            }
            return;
        }
        log.warn("Stopping the PostgreSQL (process {}) that an earlier Earshot left running on {}", pid, pgData);
        Result stop = run(List.of(pgCtl(), "stop", "-D", pgData.toString(), "-m", "fast", "-w", "-t", "60", "-s"),
                Duration.ofSeconds(75));
        if (stop.code() != 0) {
            run(List.of(pgCtl(), "stop", "-D", pgData.toString(), "-m", "immediate", "-w", "-t", "30", "-s"), Duration.ofSeconds(40));
        }
        try {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new EmbeddedDatabaseException("A PostgreSQL (process " + pid + ") left running on " + pgData
                    + " by an earlier Earshot does not stop.", "Stop process " + pid + " yourself, then start Earshot again.", e);
        }
    }

    // --- start ---

    private void startServer() {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            writeSettings();
            long offset = size(startLog);
            long timeout = Math.max(10, options.startTimeout().toSeconds());
            Result r = run(List.of(pgCtl(), "start", "-D", pgData.toString(), "-l", startLog.toString(), "-w", "-t",
                    Long.toString(timeout), "-s"), options.startTimeout().plusSeconds(15));
            if (r.code() == 0) {
                return;
            }
            String serverSaid = tail(startLog, offset);
            String all = r.output() + "\n" + serverSaid;
            if (attempt < PORT_ATTEMPTS && (all.contains("could not bind") || all.contains("Address already in use"))) {
                continue; // someone took the free port we found in the meantime
            }
            int failedPort = port;
            port = 0; // nothing to stop
            throw new EmbeddedDatabaseException("Earshot's PostgreSQL in " + pgData + " did not start (port " + failedPort
                    + "). It said:\n" + indent(serverSaid.isBlank() ? r.output() : serverSaid), adviceFromLog(all), null);
        }
    }

    private void writeSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("port", Integer.toString(port));
        settings.put("unix_socket_directories", "");
        settings.put("fsync", options.durable() ? "on" : "off");
        settings.put("synchronous_commit", options.durable() ? "on" : "off");
        settings.put("full_page_writes", options.durable() ? "on" : "off");
        settings.put("timezone", "UTC");
        settings.put("max_connections", "100");
        settings.put("shared_buffers", "256MB"); // PostgreSQL's 128MB holds too little of a desk with a million messages
        settings.put("logging_collector", "on");
        settings.put("log_directory", "log");
        settings.put("log_filename", "postgresql-%a.log");
        settings.put("log_truncate_on_rotation", "on");
        settings.put("log_rotation_age", "1d");
        settings.put("log_rotation_size", "0");
        settings.putAll(options.serverSettings());
        StringBuilder conf = new StringBuilder("# Written by Earshot at every start (ADR 0011); to change a setting, set\n"
                + "# earshot.database.server-settings.<name>=<value> rather than editing this file.\n");
        settings.forEach((k, v) -> {
            if (!k.matches("[a-z_.]+")) {
                throw new EmbeddedDatabaseException("'" + k + "' is not a PostgreSQL setting name.",
                        "Fix earshot.database.server-settings." + k + ".", null);
            }
            conf.append(k).append(" = '").append(v.replace("'", "''")).append("'\n");
        });
        try {
            Files.writeString(pgData.resolve("earshot.conf"), conf.toString());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not write " + pgData.resolve("earshot.conf") + ": " + e.getMessage(),
                    DiskTrouble.advice(pgData, e), e);
        }
    }

    private long readServerPid() {
        try {
            return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * A small shell loop that waits for this process to end and then asks the server to stop (SIGINT, a fast
     * shutdown). On a clean stop Earshot ends it first; it matters when Earshot is killed without a chance to.
     */
    private Process startWatchdog() {
        if (serverPid <= 0 || !Files.isExecutable(Path.of("/bin/sh"))) {
            return null;
        }
        try {
            return new ProcessBuilder("/bin/sh", "-c",
                    "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; kill -INT \"$2\" 2>/dev/null",
                    "earshot-pg-watchdog", Long.toString(ProcessHandle.current().pid()), Long.toString(serverPid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.warn("No watchdog for PostgreSQL ({}): if Earshot is killed, the next start stops the server it leaves", e.toString());
            return null;
        }
    }

    /** Watchdog's process, if one runs (tests kill it to leave a server behind on purpose). */
    public Optional<ProcessHandle> watchdog() {
        return watchdog == null ? Optional.empty() : Optional.of(watchdog.toHandle());
    }

    private String version() {
        Result r = run(List.of(bin.resolve("postgres").toString(), "--version"), Duration.ofSeconds(10));
        String out = r.output().strip();
        int at = out.lastIndexOf(' ');
        return at < 0 ? out : out.substring(at + 1);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not find a free port on 127.0.0.1: " + e.getMessage(),
                    "Check the machine's loopback network.", e);
        }
    }

    // --- running the binaries ---

    private String pgCtl() {
        return bin.resolve("pg_ctl").toString();
    }

    /** PostgreSQL will not run as root; as root it runs in a user namespace of its own (as zonky's runner does). */
    private List<String> runAsCommand() {
        if (!isRoot()) {
            return List.of();
        }
        Result probe = runRaw(List.of("unshare", "-U", "true"), Duration.ofSeconds(10));
        if (probe.code() != 0) {
            throw new EmbeddedDatabaseException("PostgreSQL will not run as root, and this machine cannot start it in a user "
                    + "namespace (unshare -U: " + probe.output().strip() + ").",
                    "Run Earshot as an ordinary user, or set spring.datasource.url to an external PostgreSQL.", null);
        }
        return List.of("unshare", "-U");
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private record Result(int code, String output) {
    }

    private Result run(List<String> command, Duration timeout) {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        return runRaw(full, timeout);
    }

    private Result runRaw(List<String> command, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("LC_ALL", "C");
            pb.environment().remove("PGDATA");
            pb.environment().remove("PGPORT");
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(1 << 20);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    // --- explaining failures ---

    private String adviceFromLog(String said) {
        String s = said == null ? "" : said;
        String lower = s.toLowerCase(Locale.ROOT);
        if (DiskTrouble.isDiskFull(s)) {
            return DiskTrouble.full(dataDir);
        }
        if (lower.contains("database files are incompatible with server")) {
            return "These database files were made by another major version of PostgreSQL. Start the Earshot version that "
                    + "made them, export what you need, or upgrade the files with that version's pg_upgrade.";
        }
        if (lower.contains("lock file") && lower.contains("already exists")) {
            return "Another PostgreSQL is running on " + pgData + ". Stop it, then start Earshot again.";
        }
        if (DiskTrouble.isNotWritable(s)) {
            return DiskTrouble.notWritable(dataDir);
        }
        if (lower.contains("pg_control") || lower.contains("invalid") || lower.contains("corrupt")
                || lower.contains("could not open file") || lower.contains("checksum") || lower.contains("no such file")) {
            return "The database files in " + pgData + " look damaged. Restore the directory from a backup, or move it aside "
                    + "(keep it: it holds your data) and start Earshot again to begin with an empty database. "
                    + "PostgreSQL's own log is in " + pgData.resolve("log") + " and " + startLog + ".";
        }
        return "Read PostgreSQL's log above and in " + startLog + " and " + pgData.resolve("log")
                + "; if the directory is damaged, restore it from a backup or move it aside to start afresh.";
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What was written to {@code file} after {@code offset}, its last 30 lines. */
    private static String tail(Path file, long offset) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(offset, f.length() - 16384);
            f.seek(from);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String indent(String text) {
        return text.strip().lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("    (nothing)");
    }
}
