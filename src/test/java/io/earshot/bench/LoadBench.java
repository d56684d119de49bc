package io.earshot.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load test (issue 10): Earshot started as a user starts it ({@code java -Xmx512m -jar target/earshot.jar}, its own
 * PostgreSQL), a desk's worth of conversations loaded through the API, then 20 clients (each its own agent) for 60 s
 * doing what a desk does, while a connector posts messages steadily: inbox lists (every sort and status), searches
 * (common, rare and absent words), conversation views, replies and status changes, reports. Prints per kind the
 * count, errors by status, p50/p99/max, and the target: p99 under 500 ms for lists and searches while ingest runs.
 * <p>
 * {@code bench/load.sh [--clients 20] [--seconds 60] [--conversations 20000] [--ingest-rate 28] [--think 0] [--warmup 20] [--set name=value]...}
 * <p>
 * {@code --warmup S}: the same mix for S seconds first, not counted, so the figures are of a warm server (JIT).
 * <p>
 * {@code --think MS}: each client waits 0.5-1.5 × MS after an answer, as a person reads and types; without it
 * (the default) the clients send back to back, a stress test of a 2-core machine that also runs the clients.
 */
public final class LoadBench {

    private static final String ADMIN = "bench";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final List<String> WORDS = List.of("refund", "refund app", "ref", "order", "xylophone", "zzznotfound",
            "password", "login", "outage", "parcel");
    private static final long TARGET_MS = 500;
    private static final java.util.concurrent.atomic.AtomicInteger THINK = new java.util.concurrent.atomic.AtomicInteger();

    private LoadBench() {
    }

    record Sample(String kind, int status, long micros) {
    }

    public static void main(String[] args) throws Exception {
        int clients = 20;
        int seconds = 60;
        int conversations = 20_000;
        double ingestRate = 28;
        int thinkMillis = 0;
        int warmup = 20;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--conversations" -> conversations = Integer.parseInt(args[++i].replace(",", "").replace("_", ""));
                case "--ingest-rate" -> ingestRate = Double.parseDouble(args[++i]);
                case "--think" -> thinkMillis = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--set" -> settings.add(args[++i]);
                default -> throw new IllegalArgumentException("usage: load.sh [--clients 20] [--seconds 60] "
                        + "[--conversations 20000] [--ingest-rate 28] [--think 0] [--warmup 20] [--set name=value]...");
            }
        }
        THINK.set(thinkMillis);
        Path work = Files.createTempDirectory("earshot-load-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        String serverOpts = System.getenv().getOrDefault("BENCH_SERVER_OPTS", "").trim();
        if (!serverOpts.isEmpty()) {
            cmd.addAll(List.of(serverOpts.split("\\s+")));
        }
        cmd.addAll(List.of("-jar", Path.of("target", "earshot.jar").toAbsolutePath().toString(), "--server.port=" + port,
                "--earshot.data-dir=" + work.resolve("data"), "--earshot.admin-token=" + ADMIN, "--logging.level.root=WARN"));
        settings.forEach(s -> cmd.add("--" + s));
        Path log = work.resolve("earshot.log");
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            IngestBench.awaitHealthy(http, port, server, log);
            String base = "http://127.0.0.1:" + port;
            System.out.printf("Earshot up (pid %d, work %s); loading %,d conversations ...%n", server.pid(), work, conversations);
            load(http, base, conversations);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                JsonNode a = JSON.readTree(send(http, "POST", base + "/api/v1/agents", JSON.writeValueAsString(Map.of("name", "Load " + i,
                        "email", "load" + i + "@example.com", "role", i % 5 == 0 ? "lead" : "agent")), ADMIN).body());
                tokens.add(a.get("token").asString());
            }
            List<String> ids = new ArrayList<>();
            JsonNode page = JSON.readTree(send(http, "GET", base + "/api/v1/conversations?limit=200&sort=newest", null, ADMIN).body());
            page.get("items").forEach(c -> ids.add(c.get("id").asString()));

            if (warmup > 0) {
                System.out.printf("warming up for %d s (the same mix, not counted) ...%n", warmup);
                long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
                runClients(http, base, tokens, ids, 1000, warmEnd, new ConcurrentLinkedQueue<>(), thinkMillis);
            }
            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            AtomicLong ingested = new AtomicLong();
            double rate = ingestRate;
            Thread connector = new Thread(() -> ingestSteadily(http, base, rate, end, samples, ingested), "connector");
            connector.start();
            runClients(http, base, tokens, ids, 42, end, samples, thinkMillis);
            connector.join();
            print(samples, clients, seconds, ingested.get());
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            io.earshot.TestFiles.deleteTree(work);
        }
    }

    /** One thread per agent token doing {@link #desk} until {@code end}; returns when all are done. */
    private static void runClients(HttpClient http, String base, List<String> tokens, List<String> ids, long seedBase, long end,
                                   ConcurrentLinkedQueue<Sample> samples, int thinkMillis) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            long seed = seedBase + i;
            Thread t = new Thread(() -> desk(http, base, token, ids, new Random(seed), end, samples, thinkMillis), "client-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** What an agent does all day, as fast as the server answers. */
    private static void desk(HttpClient http, String base, String token, List<String> ids, Random r, long end,
                             ConcurrentLinkedQueue<Sample> samples, int thinkMillis) {
        String[] sorts = {"priority", "oldest", "newest", "due", "waiting"};
        String[] statuses = {"open", "open", "open", "pending", "all"};
        while (System.nanoTime() < end) {
            int dice = r.nextInt(100);
            String id = ids.get(r.nextInt(ids.size()));
            if (dice < 40) {
                timed(samples, "list", () -> send(http, "GET", base + "/api/v1/conversations?status=" + statuses[r.nextInt(5)]
                        + "&sort=" + sorts[r.nextInt(5)], null, token));
            } else if (dice < 60) {
                String q = WORDS.get(r.nextInt(WORDS.size()));
                timed(samples, "search", () -> send(http, "GET", base + "/api/v1/conversations?status=" + (r.nextBoolean() ? "open" : "all")
                        + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null, token));
            } else if (dice < 80) {
                timed(samples, "view", () -> send(http, "GET", base + "/api/v1/conversations/" + id, null, token));
            } else if (dice < 90) {
                timed(samples, "reply", () -> send(http, "POST", base + "/api/v1/conversations/" + id + "/replies",
                        "{\"text\":\"Sorry about that, we are on it and will update you within 2 hours.\",\"private\":true}", token));
            } else if (dice < 95) {
                String status = r.nextBoolean() ? "pending" : "open";
                timed(samples, "status", () -> send(http, "POST", base + "/api/v1/conversations/" + id + "/status",
                        "{\"status\":\"" + status + "\"}", token));
            } else {
                timed(samples, "report", () -> send(http, "GET", base + "/api/v1/reports/summary", null, token));
            }
            if (thinkMillis > 0) {
                try {
                    Thread.sleep(thinkMillis / 2 + r.nextInt(thinkMillis + 1)); // a person reads, types, decides
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A connector posting a few messages at a time at a steady rate. */
    private static void ingestSteadily(HttpClient http, String base, double rate, long end, ConcurrentLinkedQueue<Sample> samples,
                                       AtomicLong ingested) {
        long n = 0;
        long start = System.nanoTime();
        Random r = new Random(7);
        while (System.nanoTime() < end) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 4; i++, n++) {
                batch.append(item("steady-" + n, "steady" + r.nextInt(3000), Instant.now())).append('\n');
            }
            timed(samples, "ingest (4 msgs)", () -> send(http, "POST", base + "/api/v1/messages", batch.toString(), ADMIN, "application/x-ndjson"));
            ingested.addAndGet(4);
            long due = start + (long) (n / rate * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void load(HttpClient http, String base, int conversations) {
        Random r = new Random(1);
        String[] texts = {"my refund never arrived", "the app crashes at login", "where is my order", "password reset mail never came",
                "is there an outage in Leeds?", "parcel stuck in depot for a week", "thanks, all sorted now", "how do I change my plan"};
        Instant now = Instant.now();
        for (int from = 0; from < conversations; from += 1000) {
            StringBuilder body = new StringBuilder();
            for (int i = from; i < Math.min(conversations, from + 1000); i++) {
                body.append(item("load-" + i, "customer" + i, now.minusSeconds(r.nextInt(600)))
                        .replace("TEXT", texts[r.nextInt(texts.length)] + " #" + i)).append('\n');
            }
            HttpResponse<String> a = send(http, "POST", base + "/api/v1/messages", body.toString(), ADMIN, "application/x-ndjson");
            if (a.statusCode() != 200) {
                throw new IllegalStateException("loading failed: " + a.statusCode() + " " + a.body());
            }
        }
    }

    private static String item(String externalId, String handle, Instant at) {
        return "{\"channel\":\"twitter\",\"externalId\":\"" + externalId + "\",\"direction\":\"inbound\",\"author\":{\"handle\":\""
                + handle + "\"},\"text\":\"TEXT\",\"createdAt\":\"" + at + "\"}";
    }

    private interface Call {
        HttpResponse<String> run();
    }

    private static void timed(ConcurrentLinkedQueue<Sample> samples, String kind, Call call) {
        long t0 = System.nanoTime();
        int status;
        try {
            status = call.run().statusCode();
        } catch (RuntimeException e) {
            status = -1;
        }
        samples.add(new Sample(kind, status, (System.nanoTime() - t0) / 1000));
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String body, String token) {
        return send(http, method, url, body, token, "application/json");
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String body, String token, String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void print(ConcurrentLinkedQueue<Sample> all, int clients, int seconds, long ingested) {
        Map<String, List<Sample>> byKind = new TreeMap<>();
        all.forEach(s -> byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s));
        System.out.printf(Locale.ROOT, "%n%d clients for %d s (think time %s), %,d messages ingested meanwhile (%.1f/s)%n%n", clients,
                seconds, THINK.get() == 0 ? "none: each client sends its next request when the last is answered"
                        : "0.5-1.5 × " + THINK.get() + " ms", ingested, ingested / (double) seconds);
        System.out.println("| kind | requests | per s | errors (by status) | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|");
        long errors = 0;
        long limited = 0;
        boolean met = true;
        for (Map.Entry<String, List<Sample>> e : byKind.entrySet()) {
            long[] micros = e.getValue().stream().mapToLong(Sample::micros).sorted().toArray();
            Map<Integer, Integer> bad = new TreeMap<>();
            e.getValue().stream().filter(s -> s.status() < 200 || s.status() >= 300).forEach(s -> bad.merge(s.status(), 1, Integer::sum));
            errors += bad.entrySet().stream().filter(b -> b.getKey() != 429).mapToLong(b -> b.getValue()).sum();
            limited += bad.getOrDefault(429, 0);
            double p99 = pct(micros, 0.99) / 1000.0;
            if ((e.getKey().equals("list") || e.getKey().equals("search")) && p99 >= TARGET_MS) {
                met = false;
            }
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %s | %.1f | %.1f | %.1f |%n", e.getKey(), micros.length,
                    micros.length / (double) seconds, bad.isEmpty() ? "0" : bad.toString(), pct(micros, 0.5) / 1000.0, p99,
                    micros[micros.length - 1] / 1000.0);
        }
        System.out.printf(Locale.ROOT, "%nerrors: %,d of %,d requests; limited by earshot.http.expensive-reads (429, not errors): %,d; "
                + "lists and searches p99 < %d ms while ingest runs: %s%n", errors, all.size(), limited, TARGET_MS, met ? "met" : "NOT met");
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
