package io.earshot.bench;

import io.earshot.EarshotApplication;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.conversation.Intake;
import io.earshot.reporting.Reports;
import io.earshot.conversation.IntakeResult;
import io.earshot.ingest.IncomingMessage;
import io.earshot.ingest.MessageItemParser;
import io.earshot.ingest.ParsedItem;
import io.earshot.platform.EarshotClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The ingest benchmark: the real pipeline (parse, classify, thread, persist) on H2 and on PostgreSQL, and the
 * raw {@code COPY} of the same rows into the same PostgreSQL, side by side in one run.
 * <p>
 * A plain program, not a test: run it with {@code bench/ingest.sh}. Options: {@code --messages N} (1,000,000),
 * {@code --batch N} (1,000), {@code --targets h2,postgres}, {@code --seed N} (42), {@code --pg-params a=b&c=d}
 * (extra PostgreSQL JDBC URL parameters, for example {@code reWriteBatchedInserts=true}), {@code --keep} (keep the
 * work directory), {@code --set key=value} (an application setting, repeatable).
 */
public final class IngestBench {

    private IngestBench() {
    }

    /** The command line. */
    record Options(long messages, int batch, List<String> targets, long seed, String pgParams, boolean keep,
                   Map<String, String> settings) {

        static Options parse(String[] args) {
            long messages = 1_000_000;
            int batch = 1000;
            List<String> targets = List.of("h2", "postgres");
            long seed = 42;
            String pgParams = "";
            boolean keep = false;
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--messages" -> messages = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "--targets" -> targets = Arrays.stream(args[++i].split(",")).map(String::trim)
                            .map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--pg-params" -> pgParams = args[++i];
                    case "--keep" -> keep = true;
                    case "--set" -> {
                        String kv = args[++i];
                        int eq = kv.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--set wants key=value, got " + kv);
                        }
                        settings.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    case "--help", "-h" -> {
                        System.out.println("usage: ingest.sh [--messages N] [--batch N] [--targets h2,postgres] [--seed N] "
                                + "[--pg-params reWriteBatchedInserts=true] [--set earshot.some.setting=value ...] [--keep]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            for (String t : targets) {
                if (!t.equals("h2") && !t.equals("postgres")) {
                    throw new IllegalArgumentException("unknown target " + t + " (h2, postgres)");
                }
            }
            if (messages < 1 || batch < 1) {
                throw new IllegalArgumentException("--messages and --batch must be positive");
            }
            return new Options(messages, batch, targets, seed, pgParams, keep, settings);
        }
    }

    /** One line of the result table. */
    record Result(String target, long messages, double seconds, Double p50Millis, Double p99Millis, Long peakHeapBytes,
                  String note) {

        double rate() {
            return messages / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("earshot-bench-");
        System.out.printf(Locale.ROOT, "Earshot ingest benchmark: %,d messages, batches of %,d, targets %s, seed %d%n",
                options.messages(), options.batch(), options.targets(), options.seed());
        System.out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %,d MB, work dir %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, work);

        Path ndjson = work.resolve("messages.ndjson");
        Path copy = work.resolve("messages.copy");
        long g0 = System.nanoTime();
        MessageGenerator.Summary generated = new MessageGenerator(options.messages(), options.seed()).write(ndjson, copy);
        System.out.printf(Locale.ROOT, "generated %,d items (%,d replies, %,d outbound, %,d customers), %,d MB NDJSON, "
                        + "%,d MB COPY text, in %.1f s%n%n", generated.messages(), generated.replies(), generated.outbound(),
                generated.customers(), generated.ndjsonBytes() >> 20, generated.copyBytes() >> 20, seconds(g0));

        List<Result> results = new ArrayList<>();
        Map<String, Map<String, Long>> stored = new LinkedHashMap<>();
        try (HeapSampler heap = new HeapSampler(10)) {
            for (String target : options.targets()) {
                if (target.equals("h2")) {
                    Path dir = Files.createDirectories(work.resolve("h2"));
                    Map<String, Object> props = baseProperties(dir);
                    props.putAll(options.settings());
                    results.add(pipeline("h2 (embedded)", props, ndjson, options, heap, stored));
                    results.add(H2Floor.run(Files.createDirectories(work.resolve("h2-floor")), copy, options.batch(), h2UrlOptions()));
                } else {
                    runPostgres(work, ndjson, copy, options, heap, results, stored);
                }
            }
        }

        printTable(results, stored);
        if (!options.keep()) {
            delete(work);
        } else {
            System.out.println("kept " + work);
        }
        System.exit(0);
    }

    private static Map<String, Object> baseProperties(Path dataDir) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("earshot.data-dir", dataDir.toString());
        props.put("earshot.clock", "event-time");
        props.put("earshot.admin-token", "bench-admin-token");
        // items are parsed a whole batch ahead of the clock moving to that batch's newest createdAt
        props.put("earshot.ingest.max-clock-skew", "3650d");
        props.put("server.port", "0");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "warn");
        props.put("logging.level.io.earshot", "info");
        return props;
    }

    private static void runPostgres(Path work, Path ndjson, Path copy, Options options, HeapSampler heap,
                                    List<Result> results, Map<String, Map<String, Long>> stored) throws Exception {
        long t0 = System.nanoTime();
        // production's durability: zonky turns synchronous_commit (and fsync) off, PostgreSQL's defaults are on
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database earshot");
            }
            String url = pg.getJdbcUrl("postgres", "earshot");
            if (!options.pgParams().isBlank()) {
                url += (url.contains("?") ? "&" : "?") + options.pgParams();
            }
            System.out.printf(Locale.ROOT, "embedded PostgreSQL %s started in %.1f s (%s)%n", serverVersion(url), seconds(t0),
                    serverSettings(url));
            Map<String, Object> props = baseProperties(Files.createDirectories(work.resolve("pg-app")));
            props.put("spring.datasource.url", url);
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            props.putAll(options.settings());
            results.add(pipeline("postgres (embedded)", props, ndjson, options, heap, stored));
            results.add(copy("postgres COPY, no indexes", url, copy, false));
            results.add(copy("postgres COPY, message's indexes", url, copy, true));
        }
    }

    private static Result pipeline(String target, Map<String, Object> props, Path ndjson, Options options, HeapSampler heap,
                                   Map<String, Map<String, Long>> stored) throws IOException {
        System.out.printf(Locale.ROOT, "== %s: starting the application%n", target);
        System.gc();
        long s0 = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EarshotApplication.class)
                // the whole application as it runs in production, web layer included (its security chain needs
                // it); the server listens on a random port and stays idle
                .web(WebApplicationType.SERVLET)
                .logStartupInfo(false)
                // as command-line arguments, so that they win over application.properties
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
            Intake intake = context.getBean(Intake.class);
            MessageItemParser parser = context.getBean(MessageItemParser.class);
            ObjectMapper json = context.getBean(ObjectMapper.class);
            EarshotClock clock = context.getBean(EarshotClock.class);
            clock.reset(MessageGenerator.START);
            System.out.printf(Locale.ROOT, "   started in %.1f s; ingesting%n", seconds(s0));

            int batchCount = (int) ((options.messages() + options.batch() - 1) / options.batch());
            long[] batchNanos = new long[batchCount];
            int batches = 0;
            long acceptNanos = 0;
            long created = 0;
            long duplicates = 0;
            long rejected = 0;
            long read = 0;
            long nextReport = Math.max(1, options.messages() / 10);
            List<IncomingMessage> batch = new ArrayList<>(options.batch());
            System.gc();
            heap.reset();
            long t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
                long batchStart = System.nanoTime();
                String line;
                while (true) {
                    line = in.readLine();
                    if (line != null) {
                        read++;
                        ParsedItem item = parser.parse(json.readTree(line));
                        if (item.ok()) {
                            batch.add(item.message());
                        } else {
                            rejected++;
                            if (rejected <= 3) {
                                System.out.printf("   parser rejected line %d: %s: %s%n", read, item.field(), item.error());
                            }
                        }
                    }
                    if (batch.size() == options.batch() || (line == null && !batch.isEmpty())) {
                        long a0 = System.nanoTime();
                        for (IntakeResult r : intake.accept(batch)) {
                            switch (r.status()) {
                                case "created" -> created++;
                                case "duplicate" -> duplicates++;
                                default -> {
                                    rejected++;
                                    if (rejected <= 3) {
                                        System.out.printf("   intake rejected: %s: %s%n", r.field(), r.error());
                                    }
                                }
                            }
                        }
                        long end = System.nanoTime();
                        acceptNanos += end - a0;
                        batchNanos[batches++] = end - batchStart;
                        batchStart = end;
                        batch = new ArrayList<>(options.batch());
                    }
                    if (line == null) {
                        break;
                    }
                    if (read >= nextReport) {
                        double s = seconds(t0);
                        System.out.printf(Locale.ROOT, "   %,10d messages  %7.1f s  %,9.0f msg/s  heap %,5d MB%n", read, s, read / s,
                                heap.peakBytes() >> 20);
                        nextReport += Math.max(1, options.messages() / 10);
                    }
                }
            }
            double seconds = seconds(t0);
            long peak = heap.peakBytes();
            Arrays.sort(batchNanos, 0, batches);
            double p50 = percentile(batchNanos, batches, 0.50);
            double p99 = percentile(batchNanos, batches, 0.99);
            System.out.printf(Locale.ROOT, "   done: %,d created, %,d duplicates, %,d rejected in %.1f s; intake.accept %.0f%% of "
                            + "the time, parse %.0f%%; %d GCs, %,d ms in GC%n", created, duplicates, rejected, seconds,
                    100.0 * acceptNanos / 1e9 / seconds, 100.0 * (1 - acceptNanos / 1e9 / seconds), heap.gcCountSinceReset(),
                    heap.gcMillisSinceReset());
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : List.of("message", "conversation", "customer", "customer_identity", "conversation_event")) {
                counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
            }
            stored.put(target, counts);
            System.out.printf("   stored: %s%n", counts);
            readPath(context, clock);
            System.out.println();
            return new Result(target, read, seconds, p50, p99, peak, rejected == 0 ? "" : rejected + " rejected");
        }
    }

    /** Times the inbox and the summary report on what was just stored (the read side on the same data). */
    private static void readPath(ConfigurableApplicationContext context, EarshotClock clock) {
        ConversationQueries queries = context.getBean(ConversationQueries.class);
        Reports reports = context.getBean(Reports.class);
        for (String sort : List.of("priority", "oldest", "due")) {
            String cursor = queries.list(new ConversationQuery("open", sort, null, null, null, 50, null)).nextCursor();
            // the limit alternates between 50 and 51 so that no run is answered from a database's result cache
            long[] firstPage = time(60, i -> queries.list(new ConversationQuery("open", sort, null, null, null, 50 + i % 2, null)));
            long[] nextPage = time(60, i -> queries.list(new ConversationQuery("open", sort, null, null, null, 50 + i % 2, cursor)));
            System.out.printf(Locale.ROOT, "   inbox sort=%-8s 50 items: first page p50 %.1f ms p99 %.1f ms; next page p50 %.1f ms p99 %.1f ms%n",
                    sort, percentile(firstPage, firstPage.length, 0.5), percentile(firstPage, firstPage.length, 0.99),
                    percentile(nextPage, nextPage.length, 0.5), percentile(nextPage, nextPage.length, 0.99));
        }
        java.time.Instant now = clock.instant();
        long[] summary = time(10, i -> reports.summary(MessageGenerator.START, now.plusSeconds(1 + i)));
        System.out.printf(Locale.ROOT, "   summary report over every conversation: p50 %.1f ms, max %.1f ms%n",
                percentile(summary, summary.length, 0.5), percentile(summary, summary.length, 1.0));
    }

    private static long[] time(int runs, java.util.function.IntConsumer call) {
        return Timing.sorted(1, runs, call);
    }

    private static Result copy(String target, String url, Path rows, boolean withIndexes) throws SQLException, IOException {
        String table = withIndexes ? "bench_copy_indexed" : "bench_copy";
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists " + table);
                // the columns of message (and, with indexes, its primary key, unique key and indexes), no foreign keys
                s.execute("create table " + table + " (like message including defaults"
                        + (withIndexes ? " including indexes including constraints" : "") + ")");
            }
            CopyManager copier = c.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            long count;
            try (Reader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                count = copier.copyIn("copy " + table + " from stdin (format text)", in, 1 << 16);
            }
            double seconds = seconds(t0);
            System.out.printf(Locale.ROOT, "== %s: %,d rows in %.1f s%n", target, count, seconds);
            try (Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
            return new Result(target, count, seconds, null, null, null, "");
        }
    }

    private static void printTable(List<Result> results, Map<String, Map<String, Long>> stored) {
        Result baseline = results.stream().filter(r -> r.target().equals("postgres COPY, no indexes")).findFirst().orElse(null);
        Result indexed = results.stream().filter(r -> r.target().equals("postgres COPY, message's indexes")).findFirst().orElse(null);
        String format = "%-34s %11s %9s %11s %9s %9s %9s %10s  %s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, format, "target", "messages", "seconds", "msg/s", "÷COPY", "p50 ms", "p99 ms",
                "heap MB", "");
        System.out.println("-".repeat(110));
        for (Result r : results) {
            String ratio = baseline == null ? "-" : String.format(Locale.ROOT, "%.2f", r.rate() / baseline.rate());
            String note = r.note();
            if (indexed != null && baseline != null && r.p50Millis() != null) {
                note = (note.isEmpty() ? "" : note + "; ") + String.format(Locale.ROOT, "%.2f of indexed COPY", r.rate() / indexed.rate());
            }
            System.out.printf(Locale.ROOT, format, r.target(), String.format(Locale.ROOT, "%,d", r.messages()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), String.format(Locale.ROOT, "%,.0f", r.rate()), ratio,
                    r.p50Millis() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.p50Millis()),
                    r.p99Millis() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.p99Millis()),
                    r.peakHeapBytes() == null ? "-" : String.format(Locale.ROOT, "%,d", r.peakHeapBytes() >> 20), note);
        }
        System.out.println();
        stored.forEach((target, counts) -> System.out.printf("stored by %s: %s%n", target, counts));
        System.out.println();
        System.out.println("Targets: pipeline on PostgreSQL >= 0.50 of COPY (÷COPY column, against the plain table); "
                + ">= 20,000 msg/s with the embedded default (h2).");
    }

    /** The options of the application's H2 URL (after its first ';'), as application.properties sets them. */
    private static String h2UrlOptions() throws IOException {
        java.util.Properties app = new java.util.Properties();
        try (var in = IngestBench.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        String url = app.getProperty("spring.datasource.url");
        return url.substring(url.indexOf(';') + 1);
    }

    static double percentile(long[] sorted, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, i))] / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String serverVersion(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static String serverSettings(String url) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            for (String name : List.of("synchronous_commit", "fsync", "shared_buffers", "wal_level", "max_wal_size")) {
                try (var rs = s.executeQuery("show " + name)) {
                    rs.next();
                    out.add(name + "=" + rs.getString(1));
                }
            }
        }
        return String.join(", ", out);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
