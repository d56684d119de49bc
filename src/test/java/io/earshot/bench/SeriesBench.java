package io.earshot.bench;

import io.earshot.listening.internal.AuthorSketch;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reading stored series through the API of the real jar (issue 13: "a year of 1-minute buckets for 1,000 topics answers
 * in under 100 ms"). Starts {@code target/earshot.jar} on its own PostgreSQL, creates the topics through the API, then
 * writes their series straight into {@code topic_series} (SQL, not the ingest pipeline: this measures reading): a year
 * of 1-day and 1-hour buckets for every topic, and a year of 1-minute and 5-minute buckets for {@code --minute-topics}
 * of them (every bucket filled, each with a 256-byte author sketch, as a busy topic has). Then times
 * {@code GET /api/v1/topics/{id}/series} for random topics: a year in days, a year in hours, 30 days in hours, a week
 * in 5 minutes, a day in minutes. Prints p50/p99/max and the answer's size.
 * <p>
 * A year of 1-minute buckets for all 1,000 topics is 525,600,000 rows (about 170 GB with their sketches); the reads
 * are index range scans of (topic, level, start), so their cost depends on the rows read and the index's depth, not
 * on how many other topics' rows the table holds. {@code --minute-topics 1000} fills it all, given the disk.
 * <p>
 * {@code bench/series.sh [--topics 1000] [--minute-topics 10] [--days 365] [--runs 200] [--xmx 512m] [--keep]}
 */
public final class SeriesBench {

    private static final long MINUTE = 60_000;
    private static final long FIVE = 5 * MINUTE;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private SeriesBench() {
    }

    record Read(String name, String bucket, Duration span, boolean minuteTopicsOnly) {
    }

    public static void main(String[] args) throws Exception {
        int topics = 1000;
        int minuteTopics = 10;
        int days = 365;
        int runs = 200;
        String xmx = "512m";
        boolean keep = false;
        Path jar = Path.of("target", "earshot.jar").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--topics" -> topics = Integer.parseInt(args[++i]);
                case "--minute-topics" -> minuteTopics = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--keep" -> keep = true;
                case "--jar" -> jar = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("usage: series.sh [--topics 1000] [--minute-topics 10] [--days 365] "
                        + "[--runs 200] [--xmx 512m] [--keep] [--jar target/earshot.jar]");
            }
        }
        minuteTopics = Math.min(minuteTopics, topics);
        Path work = Files.createTempDirectory("earshot-series-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = work.resolve("data");
        Path log = work.resolve("earshot.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx, "-jar",
                jar.toString(), "--server.port=" + port, "--earshot.data-dir=" + data, "--earshot.admin-token=bench",
                "--logging.level.root=WARN", "--logging.level.io.earshot=INFO",
                // one client reading back to back measures latency; the per-agent allowance of expensive reads would stop it
                "--earshot.http.expensive-reads=1000000");
        System.out.printf("work directory %s; server: java -Xmx%s -jar %s%n", work, xmx, jar);
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            IngestBench.awaitHealthy(http, port, server, log);
            IngestBench.createTopics(http, port, topics, 42);
            String jdbc = IngestBench.embeddedUrl(data);
            List<Long> ids;
            long end = Instant.now().truncatedTo(ChronoUnit.DAYS).toEpochMilli() + DAY;
            long start = end - days * DAY;
            try (Connection c = IngestBench.connect(jdbc)) {
                ids = topicIds(c);
                long t0 = System.nanoTime();
                fill(c, ids, DAY, start, end);
                fill(c, ids, HOUR, start, end);
                fill(c, ids.subList(0, minuteTopics), FIVE, start, end);
                fill(c, ids.subList(0, minuteTopics), MINUTE, start, end);
                try (Statement s = c.createStatement()) {
                    s.execute("vacuum analyze topic_series");
                }
                System.out.printf(Locale.ROOT, "   filled in %.0f s: %,d series rows, %,d MB with indexes%n",
                        (System.nanoTime() - t0) / 1e9, count(c, "select count(*) from topic_series"),
                        count(c, "select pg_total_relation_size('topic_series')") >> 20);
            }
            Instant to = Instant.ofEpochMilli(end);
            List<Read> reads = List.of(
                    new Read("a year in days", "1d", Duration.ofDays(days), false),
                    new Read("a year in hours", "1h", Duration.ofDays(days), false),
                    new Read("30 days in hours", "1h", Duration.ofDays(Math.min(30, days)), false),
                    new Read("a week in 5 minutes", "5m", Duration.ofDays(Math.min(7, days)), true),
                    new Read("a day in minutes", "1m", Duration.ofDays(1), true));
            System.out.printf("%n%-22s %8s %9s %9s %9s %10s%n", "GET .../series", "points", "p50 ms", "p99 ms", "max ms", "KB");
            for (Read read : reads) {
                List<Long> pool = read.minuteTopicsOnly() ? ids.subList(0, minuteTopics) : ids;
                Random random = new Random(7);
                AtomicLong bytes = new AtomicLong();
                AtomicLong points = new AtomicLong();
                int port0 = port;
                long[] nanos = Timing.sorted(20, runs, i -> {
                    long topic = pool.get(random.nextInt(pool.size()));
                    // a random whole-bucket end within the last 30 days, so no two runs read quite the same rows
                    Instant until = to.minus(Duration.ofHours(random.nextInt(30 * 24)));
                    String url = "http://127.0.0.1:" + port0 + "/api/v1/topics/" + topic + "/series?bucket=" + read.bucket()
                            + "&from=" + until.minus(read.span()) + "&to=" + until;
                    HttpResponse<String> r = get(http, url);
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
                    }
                    bytes.set(r.body().length());
                    points.set(occurrences(r.body(), "\"start\""));
                });
                System.out.printf(Locale.ROOT, "%-22s %,8d %9.1f %9.1f %9.1f %,10d%n", read.name(), points.get(),
                        nanos[(int) (nanos.length * 0.50)] / 1e6, nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6,
                        nanos[nanos.length - 1] / 1e6, bytes.get() >> 10);
            }
            System.out.printf(Locale.ROOT, "%n%d runs each after 20 warm-ups, one client, sequential; %d topics, %d with minute buckets, "
                    + "%d days.%n", runs, topics, minuteTopics, days);
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            if (!keep) {
                io.earshot.TestFiles.deleteTree(work);
            }
        }
    }

    private static List<Long> topicIds(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from topic order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Every bucket of {@code level} from {@code start} to {@code end} for each topic, with plausible counts and a sketch. */
    private static void fill(Connection c, List<Long> ids, long level, long start, long end) throws SQLException {
        AuthorSketch sketch = new AuthorSketch();
        for (long a = 0; a < Math.max(2, level / MINUTE); a++) {
            sketch.add(a * 7919);
        }
        long t0 = System.nanoTime();
        long rows = 0;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("insert into topic_series (topic_id, bucket_ms, start_at, volume, negative, "
                + "positive, complaints, reach, authors) select ?, ?, s, v, v / 4, v / 3, v / 5, v * 120, ? from "
                + "(select s, (1 + (s / ?) % 17 + (s / 3600000) % 24)::bigint as v from generate_series(?::bigint, ?::bigint, ?::bigint) s) g")) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.setLong(2, level);
                ps.setBytes(3, sketch.bytes());
                ps.setLong(4, level);
                ps.setLong(5, start);
                ps.setLong(6, end - level);
                ps.setLong(7, level);
                rows += ps.executeUpdate();
                c.commit();
            }
        } finally {
            c.setAutoCommit(auto);
        }
        System.out.printf(Locale.ROOT, "   %,d rows of %s buckets for %d topics in %.0f s%n", rows, Duration.ofMillis(level), ids.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static HttpResponse<String> get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer bench")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url, e);
        }
    }

    private static long occurrences(String s, String what) {
        long n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
