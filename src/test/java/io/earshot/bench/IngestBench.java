package io.earshot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;

/**
 * The ingest benchmark, through the public API of the real jar (issue 9): this JVM is the client; Earshot runs in
 * a JVM of its own, started as a user starts it ({@code java -Xmx512m -jar target/earshot.jar}, the system clock,
 * its own PostgreSQL by default, or an external one), and in the same run {@code COPY} loads the same messages,
 * as rows, into the same PostgreSQL.
 * <p>
 * {@code bench/ingest.sh [--messages 100000,1000000] [--batch 1000] [--connections 2] [--seed 42]
 * [--external jdbc:postgresql://host:port/db?user=u&password=p] [--xmx 512m] [--set name=value]... [--keep]}
 */
public final class IngestBench {

    private IngestBench() {
    }

    record Options(List<Long> sizes, int batch, int connections, long seed, String external, String xmx,
                   List<String> settings, boolean keep, Path jar, String javaOpts, boolean statements, int topics) {
    }

    record Result(String target, long messages, double seconds, long created, long duplicate, long rejected,
                  double p50, double p99, double max, long javaRssPeak, long pgPssPeak, double copyPlain, double copyIndexed,
                  long stored, double javaCpu, double pgCpu) {

        double rate() {
            return messages / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Path work = Files.createTempDirectory("earshot-ingest-bench");
        System.out.printf("work directory %s; server: java -Xmx%s -jar %s%n", work, o.xmx(), o.jar());
        List<Result> results = new ArrayList<>();
        for (long n : o.sizes()) {
            Path dir = Files.createDirectories(work.resolve(Long.toString(n)));
            System.out.printf(Locale.ROOT, "%n== %,d messages: generating (batches of %,d, seed %d) ...%n", n, o.batch(), o.seed());
            MessageGenerator.Summary summary = new MessageGenerator(n, o.batch(), o.seed())
                    .write(dir.resolve("messages.ndjson"), dir.resolve("rows.copy"));
            System.out.printf(Locale.ROOT, "   %,d messages, %,d replies (%,d from the brand), %,d customers; NDJSON %,d MB%n",
                    summary.messages(), summary.replies(), summary.outbound(), summary.customers(), summary.ndjsonBytes() >> 20);
            results.add(run(o, n, dir));
            if (!o.keep()) {
                Files.deleteIfExists(dir.resolve("messages.ndjson"));
                Files.deleteIfExists(dir.resolve("rows.copy"));
            }
        }
        print(results);
        if (!o.keep()) {
            io.earshot.TestFiles.deleteTree(work);
        }
    }

    private static Result run(Options o, long n, Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + o.xmx()));
        if (!o.javaOpts().isBlank()) {
            cmd.addAll(Arrays.asList(o.javaOpts().trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", o.jar().toString(), "--server.port=" + port, "--earshot.data-dir=" + data,
                "--earshot.admin-token=bench", "--logging.level.root=WARN", "--logging.level.io.earshot=INFO"));
        String target = "Earshot's own PostgreSQL";
        String externalDb = null;
        if (o.statements()) {
            cmd.add("--earshot.database.server-settings.shared_preload_libraries=pg_stat_statements");
            cmd.add("--earshot.database.server-settings.pg_stat_statements.track=all");
        }
        if (o.external() != null) {
            externalDb = "earshot_bench_" + n;
            recreate(o.external(), externalDb);
            cmd.addAll(BenchDatabase.external(withDatabase(o.external(), externalDb)));
            target = "external PostgreSQL";
        }
        o.settings().forEach(s -> cmd.add("--" + s));
        Path log = dir.resolve("earshot.log");
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            awaitHealthy(http, port, server, log);
            String jdbc = externalDb != null ? withDatabase(o.external(), externalDb) : embeddedUrl(data);
            if (o.topics() > 0) {
                createTopics(http, port, o.topics(), o.seed());
            }
            System.out.printf("   Earshot up (pid %d), posting NDJSON over %d connections ...%n", server.pid(), o.connections());
            Memory memory = new Memory(server.toHandle(), postmaster(data, jdbc));
            Thread sampler = new Thread(memory, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            double javaCpu0 = Memory.cpuSeconds(server.toHandle());
            double pgCpu0 = memory.pgCpuSeconds();
            Posted posted = post(http, port, dir.resolve("messages.ndjson"), o.batch(), o.connections(), n);
            double javaCpu = Memory.cpuSeconds(server.toHandle()) - javaCpu0;
            double pgCpu = memory.pgCpuSeconds() - pgCpu0;
            memory.stop();
            sampler.join();
            System.out.printf(Locale.ROOT, "   posted in %.1f s: %,d created, %,d duplicate, %,d rejected%s%n", posted.seconds,
                    posted.created, posted.duplicate, posted.rejected, posted.firstRejection == null ? "" : " (first: " + posted.firstRejection + ")");
            System.out.printf(Locale.ROOT, "   CPU while posting: Earshot %.1f s, PostgreSQL %.1f s (of %.1f s × %d cores)%n", javaCpu, pgCpu,
                    posted.seconds, Runtime.getRuntime().availableProcessors());
            long stored;
            double plain;
            double indexed;
            try (Connection c = connect(jdbc)) {
                stored = count(c, "select count(*) from message");
                if (o.topics() > 0) {
                    System.out.printf(Locale.ROOT, "   %d topics: %,d matches stored, %,d series rows%n", o.topics(),
                            count(c, "select count(*) from topic_match"), count(c, "select count(*) from topic_series"));
                }
                if (o.statements()) {
                    statements(c, posted.seconds);
                }
                System.out.println("   COPY of the same rows into the same PostgreSQL ...");
                plain = copy(c, dir.resolve("rows.copy"), false);
                indexed = copy(c, dir.resolve("rows.copy"), true);
            }
            return new Result(target, n, posted.seconds, posted.created, posted.duplicate, posted.rejected,
                    posted.percentile(0.50), posted.percentile(0.99), posted.percentile(1.0), memory.javaPeak(), memory.pgPeak(),
                    plain, indexed, stored, javaCpu, pgCpu);
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    // --- topics ---

    /** Words the generated messages use: one topic in 20 listens for them, so there are matches to count. */
    private static final String[] HEARD = {"router", "checkout", "refund", "outage", "website", "account", "\"charged twice\"",
            "crashing", "receipt", "delivery"};

    /**
     * {@code n} topics through the API, created before the clock starts: most listen for products nobody mentions
     * (they cost the automaton, not the series), one in 20 for words the messages do use, some with fields and NOT.
     */
    static void createTopics(HttpClient http, int port, int n, long seed) throws Exception {
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            String query = i % 20 == 0
                    ? HEARD[r.nextInt(HEARD.length)] + (i % 40 == 0 ? " sentiment:negative" : " NOT test" + i)
                    : "product" + i + " OR \"model " + i + " x\" OR #brand" + i + (i % 3 == 0 ? " channel:twitter" : "");
            java.net.http.HttpResponse<String> a = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/topics"))
                    .header("Authorization", "Bearer bench").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Topic " + i + "\",\"query\":"
                            + json(query) + "}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (a.statusCode() != 201) {
                throw new IllegalStateException("topic " + i + ": " + a.statusCode() + " " + a.body());
            }
        }
        System.out.printf("   %d topics created%n", n);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // --- posting ---

    private static final class Posted {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long created;
        long duplicate;
        long rejected;
        String firstRejection;
        double seconds;

        double percentile(double p) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    private static Posted post(HttpClient http, int port, Path ndjson, int batch, int connections, long n) throws Exception {
        Posted posted = new Posted();
        AtomicLong sent = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/messages");
        long started = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < connections; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        byte[] body;
                        while ((body = nextBatch(in, batch)) != null) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                                    .header("Authorization", "Bearer bench").header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                            posted.latencies.add(System.nanoTime() - t0);
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException("POST /messages answered " + r.statusCode() + ": " + r.body());
                            }
                            tally(posted, r.body());
                            long done = sent.addAndGet(lines(body));
                            long tenth = Math.max(1, n / 10);
                            if (done / tenth != (done - lines(body)) / tenth) {
                                System.out.printf(Locale.ROOT, "   %,d posted, %.0f msg/s so far%n", done,
                                        done / ((System.nanoTime() - started) / 1e9));
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "client-" + t);
                threads.add(thread);
                thread.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        posted.seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("the client failed", failure.get());
        }
        return posted;
    }

    private static byte[] nextBatch(BufferedReader in, int batch) throws IOException {
        StringBuilder sb = new StringBuilder(batch * 400);
        synchronized (in) {
            for (int i = 0; i < batch; i++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                sb.append(line).append('\n');
            }
        }
        return sb.length() == 0 ? null : sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int lines(byte[] body) {
        int n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static void tally(Posted posted, String body) {
        long created = occurrences(body, "\"status\":\"created\"");
        long duplicate = occurrences(body, "\"status\":\"duplicate\"");
        long rejected = occurrences(body, "\"status\":\"rejected\"");
        synchronized (posted) {
            posted.created += created;
            posted.duplicate += duplicate;
            posted.rejected += rejected;
            if (rejected > 0 && posted.firstRejection == null) {
                int at = body.indexOf("\"status\":\"rejected\"");
                posted.firstRejection = body.substring(Math.max(0, at - 80), Math.min(body.length(), at + 240));
            }
        }
    }

    private static long occurrences(String s, String what) {
        long n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    /** With --statements: where PostgreSQL spent its time while posting (pg_stat_statements, Earshot's own only). */
    private static void statements(Connection c, double seconds) {
        try (Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            try (ResultSet rs = s.executeQuery("select calls, round(total_exec_time::numeric / 1000, 2) as s, rows, "
                    + "left(regexp_replace(query, '\\s+', ' ', 'g'), 150) from pg_stat_statements "
                    + "order by total_exec_time desc limit 25")) {
                System.out.printf(Locale.ROOT, "   PostgreSQL statements by execution time (of %.1f s posting):%n", seconds);
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "   %9d calls %8.2f s %10d rows  %s%n", rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getString(4));
                }
            }
        } catch (SQLException e) {
            System.out.println("   (no pg_stat_statements: " + e.getMessage() + ")");
        }
    }

    // --- COPY ---

    private static final String COLUMNS = "id bigint, channel varchar(16), external_id varchar(200), conversation_id bigint, "
            + "customer_id bigint, inbound boolean, author_handle varchar(200), author_name varchar(200), agent_id bigint, "
            + "body text, created_at bigint, received_at bigint, in_reply_to varchar(200), private_message boolean, "
            + "url varchar(2000), language varchar(8), sentiment_label varchar(8), sentiment_score real, intent varchar(12)";

    /** COPYs the rows into a new table (with a primary key, the unique key and an index, or none), answers rows/s. */
    private static double copy(Connection c, Path rows, boolean indexed) throws SQLException, IOException {
        String table = indexed ? "bench_copy_indexed" : "bench_copy";
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table);
            s.execute("create table " + table + " (" + COLUMNS + ")");
            if (indexed) {
                s.execute("alter table " + table + " add primary key (id)");
                s.execute("create unique index " + table + "_uq on " + table + " (channel, external_id)");
                s.execute("create index " + table + "_conv_ix on " + table + " (conversation_id, created_at)");
            }
        }
        long t0 = System.nanoTime();
        long copied;
        try (Reader r = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
            copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin", r);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (Statement s = c.createStatement()) {
            s.execute("drop table " + table);
        }
        System.out.printf(Locale.ROOT, "   COPY %s: %,d rows in %.2f s, %,.0f rows/s%n", indexed ? "with message's keys and index" : "plain",
                copied, seconds, copied / seconds);
        return copied / seconds;
    }

    // --- the server ---

    static void awaitHealthy(HttpClient http, int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Earshot ended before it was up:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Earshot was not up within 300 s:\n" + Files.readString(log));
    }

    static String embeddedUrl(Path data) throws IOException {
        List<String> pid = Files.readAllLines(data.resolve("pg").resolve("postmaster.pid"));
        String password = Files.readString(data.resolve("pg.password")).strip();
        return "jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/earshot?user=earshot&password=" + password;
    }

    /** The postmaster to measure: Earshot's own (from its pid file), or a local external one found by its port. */
    private static ProcessHandle postmaster(Path data, String jdbc) {
        try {
            Path pid = data.resolve("pg").resolve("postmaster.pid");
            if (Files.exists(pid)) {
                return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip())).orElse(null);
            }
            try (Connection c = connect(jdbc); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElse(null);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            return null;
        }
    }

    /** Samples the resident memory of Earshot (RSS) and of every PostgreSQL process (PSS, so shared memory counts once). */
    private static final class Memory implements Runnable {
        private final ProcessHandle java;
        private final ProcessHandle postmaster;
        private volatile boolean running = true;
        private long javaPeak;
        private long pgPeak;

        Memory(ProcessHandle java, ProcessHandle postmaster) {
            this.java = java;
            this.postmaster = postmaster;
        }

        @Override
        public void run() {
            while (running) {
                javaPeak = Math.max(javaPeak, kb(java.pid(), "/status", "VmRSS:"));
                if (postmaster != null) {
                    long sum = kb(postmaster.pid(), "/smaps_rollup", "Pss:");
                    for (ProcessHandle child : postmaster.children().toList()) {
                        sum += kb(child.pid(), "/smaps_rollup", "Pss:");
                    }
                    pgPeak = Math.max(pgPeak, sum);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }

        long javaPeak() {
            return javaPeak;
        }

        long pgPeak() {
            return pgPeak;
        }

        /** User and system CPU time of the postmaster and its children so far (children that ended are not counted). */
        double pgCpuSeconds() {
            if (postmaster == null) {
                return 0;
            }
            double sum = cpuSeconds(postmaster);
            for (ProcessHandle child : postmaster.children().toList()) {
                sum += cpuSeconds(child);
            }
            return sum;
        }

        /** utime + stime of one process, from /proc (Linux), in seconds. */
        static double cpuSeconds(ProcessHandle p) {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static long kb(long pid, String file, String key) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + file))) {
                    if (line.startsWith(key)) {
                        return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not Linux
            }
            return 0;
        }
    }

    // --- databases ---

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, new Properties());
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void recreate(String adminUrl, String database) throws SQLException {
        try (Connection c = connect(adminUrl); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
    }

    private static String withDatabase(String url, String database) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }

    // --- output ---

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println("| target | messages | seconds | msg/s | COPY rows/s (plain) | ratio | COPY rows/s (indexed) | ratio | "
                + "request p50 ms | p99 ms | max ms | Earshot peak RSS MB | PostgreSQL peak PSS MB | CPU s Earshot / PostgreSQL | created / dup / rejected | stored |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %,.0f | **%.3f** | %,.0f | %.3f | %.0f | %.0f | %.0f | %d | %d | %.0f / %.0f | %,d / %,d / %,d | %,d |%n",
                    r.target(), r.messages(), r.seconds(), r.rate(), r.copyPlain(), r.rate() / r.copyPlain(), r.copyIndexed(),
                    r.rate() / r.copyIndexed(), r.p50(), r.p99(), r.max(), r.javaRssPeak() / 1024, r.pgPssPeak() / 1024,
                    r.javaCpu(), r.pgCpu(),
                    r.created(), r.duplicate(), r.rejected(), r.stored());
        }
        if (results.size() >= 2) {
            Result small = results.get(0);
            Result large = results.get(results.size() - 1);
            System.out.printf(Locale.ROOT, "%nrate at %,d ÷ rate at %,d: %.2f (target ≥ 0.8); ratio to plain COPY: target ≥ 0.15%n",
                    large.messages(), small.messages(), large.rate() / small.rate());
        }
    }

    private static Options parse(String[] args) {
        List<Long> sizes = List.of(100_000L, 1_000_000L);
        int batch = 1000;
        int connections = 2;
        long seed = 42;
        String external = null;
        String xmx = "512m";
        List<String> settings = new ArrayList<>();
        boolean keep = false;
        boolean statements = false;
        int topics = 0;
        Path jar = Path.of("target", "earshot.jar");
        String javaOpts = System.getenv().getOrDefault("BENCH_SERVER_OPTS", "");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> sizes = Arrays.stream(args[++i].split(",")).map(v -> Long.parseLong(v.trim().replace("_", ""))).toList();
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--external" -> external = args[++i];
                case "--xmx" -> xmx = args[++i];
                case "--set" -> settings.add(args[++i]);
                case "--keep" -> keep = true;
                case "--statements" -> statements = true;
                case "--topics" -> topics = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: ingest.sh [--messages 100000,1000000] [--batch 1000] "
                        + "[--connections 2] [--seed 42] [--external jdbc:postgresql://host:port/db?user=u&password=p] [--xmx 512m] "
                        + "[--set name=value]... [--keep] [--jar target/earshot.jar] [--topics N]");
            }
        }
        return new Options(sizes, batch, connections, seed, external, xmx, settings, keep, jar.toAbsolutePath(), javaOpts, statements, topics);
    }
}
