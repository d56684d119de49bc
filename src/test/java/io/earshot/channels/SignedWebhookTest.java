package io.earshot.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.earshot.Http;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Signed inbound webhooks over real HTTP against a real PostgreSQL: {@code POST /api/v1/channel-accounts/{id}/inbound} signed with the
 * account's secret becomes a message on the account, anything unsigned, stale, replayed, too large or unreadable is
 * refused with nothing stored, and agents' replies reach the account's replyUrl signed, once per idempotency key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=hooks",
        "earshot.admin-token=" + SignedWebhookTest.ADMIN,
        "earshot.secret-key=hooks-test-secret-key-of-at-least-32-chars",
        "earshot.channels.webhook.private-addresses=true", // the fake receiver listens on 127.0.0.1
        "earshot.outbox.poll=100ms",
        "earshot.channels.webhook.timeout=1s"})
class SignedWebhookTest {

    static final String ADMIN = "hooks-admin-token";
    static final String SECRET = "shop-signing-secret-0123456789";
    /** An answer of the fake receiver: takes the reply, then answers 200 only after Earshot's timeout. */
    static final int SLOW_OK = 0;
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** What the fake receiver got: its path, headers and body, and what it answered. */
    record Received(String path, String idempotencyKey, String timestamp, String signature, String body, int answered,
                    Instant at) {
    }

    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final Map<String, IntFunction<Integer>> answers = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    String run;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int n = seen.computeIfAbsent(path + "|" + key, k -> new AtomicInteger()).incrementAndGet();
            int planned = answers.getOrDefault(path, i -> 200).apply(n);
            int status = planned == SLOW_OK ? 200 : planned;
            received.add(new Received(path, key, exchange.getRequestHeaders().getFirst("X-Earshot-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Earshot-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), status, Instant.now()));
            if (planned == SLOW_OK) {
                try {
                    Thread.sleep(2500); // accepted, but answers after Earshot stopped waiting (timeout 1s)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "3");
            }
            byte[] answer = status == 200 ? ("{\"id\":\"receiver-" + key + "\"}").getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "h" + System.nanoTime() + "-" + SEQ.incrementAndGet();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A webhook source on {@code channel}, replies to {@code replyPath} on the fake receiver (null: none); its id. */
    String source(String channel, String replyPath) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("channel", channel));
        if (replyPath != null) {
            settings.put("replyUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + replyPath);
        }
        Http.Answer a = http.post("/api/v1/channel-accounts", Map.of("kind", "webhook", "name", "shop " + run,
                "settings", settings, "secrets", Map.of("secret", SECRET)), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        assertThat(a.raw()).doesNotContain(SECRET);
        assertThat(a.get("channel").asString()).isEqualTo(channel);
        return a.get("id").asString();
    }

    String item(String externalId, String handle, String text) {
        return "{\"externalId\":\"" + externalId + "\",\"direction\":\"inbound\",\"author\":{\"handle\":\"" + handle
                + "\",\"name\":\"Maya\"},\"text\":\"" + text + "\",\"createdAt\":\"" + Instant.now().minusSeconds(5) + "\"}";
    }

    static String hmac(String secret, String message) throws Exception {
        return io.earshot.SignedPost.signature(secret, message);
    }

    /** POSTs {@code body} to the source with the given headers (null leaves a header out). */
    Http.Answer hook(String account, String body, String timestamp, String delivery, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/channel-accounts/" + account + "/inbound"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            b.header("X-Earshot-Timestamp", timestamp);
        }
        if (delivery != null) {
            b.header("X-Earshot-Delivery", delivery);
        }
        if (signature != null) {
            b.header("X-Earshot-Signature", signature);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = r.body().startsWith("{") ? http.json().readTree(r.body()) : null;
        return new Http.Answer(r.statusCode(), node, r.body());
    }

    /** A correctly signed POST, timestamped now. */
    Http.Answer signed(String account, String body, String delivery) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return hook(account, body, ts, delivery, hmac(SECRET, ts + "." + body));
    }

    long messages(String externalIdPrefix) {
        return jdbc.queryForObject("select count(*) from message where external_id like ?", Long.class, externalIdPrefix + "%");
    }

    long deliveries(String delivery) {
        return jdbc.queryForObject("select count(*) from inbound_delivery where delivery_id = ?", Long.class, delivery);
    }

    void error(Http.Answer a, int status, String code) {
        assertThat(a.status()).as(a.raw()).isEqualTo(status);
        assertThat(a.get("error").get("code").asString()).as(a.raw()).isEqualTo(code);
        assertThat(a.get("error").get("message").asString()).isNotBlank();
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void aSignedPostBecomesAMessageOfTheRightCustomerOnTheAccountAndAReplayStoresNothing() throws Exception {
        String account = source("forum", null);
        String first = item(run + "-1", "maya-" + run, "My order 1234 never arrived");
        Http.Answer a = signed(account, first, run + "-d1");
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        JsonNode r = a.get("results").get(0);
        assertThat(r.get("status").asString()).isEqualTo("created");
        String conversation = r.get("conversationId").asString();

        // a follow-up in {"messages": [...]} with channel named, threaded by inReplyTo into the same conversation
        String second = "{\"messages\":[{\"channel\":\"forum\",\"externalId\":\"" + run + "-2\",\"direction\":\"inbound\",\"inReplyTo\":\""
                + run + "-1\",\"author\":{\"handle\":\"maya-" + run + "\"},\"text\":\"Any news?\",\"createdAt\":\""
                + Instant.now().minusSeconds(2) + "\"}]}";
        Http.Answer b = signed(account, second, run + "-d2");
        assertThat(b.status()).as(b.raw()).isEqualTo(200);
        assertThat(b.get("results").get(0).get("conversationId").asString()).isEqualTo(conversation);

        Http.Answer detail = http.get("/api/v1/conversations/" + conversation, ADMIN);
        assertThat(detail.status()).as(detail.raw()).isEqualTo(200);
        assertThat(detail.get("channel").asString()).isEqualTo("forum");
        assertThat(detail.get("customer").get("handle").asString()).isEqualTo("maya-" + run);
        assertThat(detail.get("messages")).hasSize(2);
        for (JsonNode m : detail.get("messages")) {
            assertThat(m.get("accountId").asString()).isEqualTo(account);
            assertThat(m.get("channel").asString()).isEqualTo("forum");
        }

        // the same delivery again, even with other messages in it: 401 replayed (PRODUCT.md), nothing stored
        Http.Answer replay = signed(account, item(run + "-3", "maya-" + run, "sneaky"), run + "-d1");
        error(replay, 401, "replayed");
        assertThat(messages(run)).isEqualTo(2);
        assertThat(deliveries(run + "-d1")).isEqualTo(1);

        // per-item errors as in POST /api/v1/messages: a bad item is rejected naming its field, the good one stored
        Http.Answer mixed = signed(account, "[" + item(run + "-4", "maya-" + run, "ok") + ",{\"externalId\":\"" + run
                + "-5\",\"direction\":\"inbound\",\"author\":{\"handle\":\"x\"},\"createdAt\":\"" + Instant.now() + "\"},"
                + item(run + "-6", "maya-" + run, "wrong channel").replace("{\"externalId\"", "{\"channel\":\"twitter\",\"externalId\"")
                + "]", run + "-d3");
        assertThat(mixed.status()).as(mixed.raw()).isEqualTo(200);
        assertThat(mixed.get("results").get(0).get("status").asString()).isEqualTo("created");
        assertThat(mixed.get("results").get(1).get("status").asString()).isEqualTo("rejected");
        assertThat(mixed.get("results").get(1).get("field").asString()).isEqualTo("text");
        assertThat(mixed.get("results").get(2).get("field").asString()).isEqualTo("channel");
        assertThat(messages(run)).isEqualTo(3);

        Http.Answer health = http.get("/api/v1/channel-accounts/" + account, ADMIN);
        assertThat(health.get("health").get("lastSuccessAt").isNull()).as(health.raw()).isFalse();
    }

    @Test
    void unsignedStaleUnreadableOrOversizedRequestsAreRefusedAndStoreNothing() throws Exception {
        String account = source("other", null);
        String body = item(run + "-x", "mallory-" + run, "hello");
        String now = Long.toString(Instant.now().getEpochSecond());

        error(hook(account, body, now, run + "-a", hmac("another-secret-of-16+chars", now + "." + body)), 401, "unauthorized");
        error(hook(account, body, now, run + "-a", hmac(SECRET, now + "." + body + " ")), 401, "unauthorized");
        error(hook(account, body, now, run + "-a", "sha256=zz"), 401, "unauthorized");
        error(hook(account, body, null, run + "-a", hmac(SECRET, now + "." + body)), 401, "unauthorized");
        error(hook(account, body, now, run + "-a", null), 401, "unauthorized");
        Http.Answer noDelivery = hook(account, body, now, null, hmac(SECRET, now + "." + body));
        error(noDelivery, 400, "invalid");
        assertThat(noDelivery.get("error").get("field").asString()).isEqualTo("X-Earshot-Delivery");

        String stale = Long.toString(Instant.now().minusSeconds(301 + 10).getEpochSecond());
        error(hook(account, body, stale, run + "-a", hmac(SECRET, stale + "." + body)), 401, "stale");
        String future = Long.toString(Instant.now().plusSeconds(400).getEpochSecond());
        error(hook(account, body, future, run + "-a", hmac(SECRET, future + "." + body)), 401, "stale");
        error(hook(account, body, "yesterday", run + "-a", hmac(SECRET, "yesterday." + body)), 400, "invalid");

        error(signed(account, "{\"externalId\": ", run + "-a"), 400, "unreadable");
        error(signed(account, "42", run + "-a"), 400, "unreadable");
        error(signed(account, "x".repeat(1024 * 1024 + 1), run + "-a"), 413, "too_large");

        // unknown, non-numeric, paused: the same 404, never a 500
        error(signed("999999999", body, run + "-a"), 404, "not_found");
        error(signed("not-a-number", body, run + "-a"), 404, "not_found");
        error(signed("99999999999999999999999", body, run + "-a"), 404, "not_found");
        assertThat(http.post("/api/v1/channel-accounts/" + account + "/pause", Map.of(), ADMIN).status()).isEqualTo(200);
        error(signed(account, body, run + "-a"), 404, "not_found");

        assertThat(messages(run)).isZero();
        assertThat(deliveries(run + "-a")).isZero();

        assertThat(http.post("/api/v1/channel-accounts/" + account + "/resume", Map.of(), ADMIN).status()).isEqualTo(200);
        assertThat(signed(account, body, run + "-a").status()).isEqualTo(200);
        assertThat(messages(run)).isEqualTo(1);
    }

    @Test
    void concurrentReplaysOfOneDeliveryStoreItOnce() throws Exception {
        String account = source("other", null);
        String ts = Long.toString(Instant.now().getEpochSecond());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                // each copy carries other messages: only the delivery id makes them the same delivery
                String body = "[" + item(run + "-c" + i + "a", "c-" + run, "copy " + i) + "," + item(run + "-c" + i + "b", "c-" + run,
                        "copy " + i + " again") + "]";
                String signature = hmac(SECRET, ts + "." + body);
                answers.add(pool.submit(() -> {
                    go.await();
                    return hook(account, body, ts, run + "-same", signature);
                }));
            }
            go.countDown();
            int fresh = 0;
            for (Future<Http.Answer> f : answers) {
                Http.Answer a = f.get();
                if (a.status() == 200) {
                    fresh++;
                    assertThat(a.get("results")).hasSize(2);
                } else {
                    error(a, 401, "replayed");
                }
            }
            assertThat(fresh).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages(run)).as("one copy's two messages, stored with its delivery id").isEqualTo(2);
        assertThat(deliveries(run + "-same")).isEqualTo(1);
    }

    /** Posts a message to a source replying to {@code path}, replies to it as an agent; the reply's message id. */
    String replyThrough(String path) throws Exception {
        String account = source("other", path);
        Http.Answer in = signed(account, item(run + "-q", "ria-" + run, "Is the shop open on Sunday?"), run + "-dq");
        assertThat(in.status()).as(in.raw()).isEqualTo(200);
        String conversation = in.get("results").get(0).get("conversationId").asString();
        Http.Answer reply = http.post("/api/v1/conversations/" + conversation + "/replies",
                Map.of("text", "Yes, 10 to 4, " + run, "private", false), ADMIN);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        return conversation;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    JsonNode replyMessage(String conversation) {
        JsonNode messages = http.get("/api/v1/conversations/" + conversation, ADMIN).get("messages");
        for (JsonNode m : messages) {
            if ("outbound".equals(m.get("direction").asString())) {
                return m;
            }
        }
        throw new AssertionError("no reply in " + messages);
    }

    void waitFor(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s s", seconds).isLessThan(until);
            Thread.sleep(100);
        }
    }

    @Test
    void anAgentsReplyReachesTheReceiverSignedWithAnIdempotencyKey() throws Exception {
        String path = "/ok-" + run;
        String conversation = replyThrough(path);
        waitFor(() -> !at(path).isEmpty(), 15);
        Received r = at(path).get(0);
        assertThat(r.signature()).isEqualTo(hmac(SECRET, r.timestamp() + "." + r.body()));
        assertThat(Math.abs(Long.parseLong(r.timestamp()) - Instant.now().getEpochSecond())).isLessThan(60);
        JsonNode body = http.json().readTree(r.body());
        JsonNode reply = replyMessage(conversation);
        assertThat(r.idempotencyKey()).isEqualTo("earshot-" + reply.get("id").asString());
        assertThat(body.get("messageId").asString()).isEqualTo(reply.get("id").asString());
        assertThat(body.get("inReplyTo").asString()).isEqualTo(run + "-q");
        assertThat(body.get("recipient").asString()).isEqualTo("ria-" + run);
        assertThat(body.get("text").asString()).isEqualTo("Yes, 10 to 4, " + run);
        assertThat(body.get("private").asBoolean()).isFalse();
        waitFor(() -> "sent".equals(replyMessage(conversation).get("delivery").asString()), 10);
        Thread.sleep(500);
        assertThat(at(path)).hasSize(1);
    }

    /** A reply to a receiver that answers {@code first} once and then 200: what it got, once the reply is sent. */
    List<Received> sentAtTheSecondCall(String path, int first) throws Exception {
        answers.put(path, n -> n == 1 ? first : 200);
        String conversation = replyThrough(path);
        waitFor(() -> "sent".equals(replyMessage(conversation).get("delivery").asString()), 20);
        List<Received> got = at(path);
        assertThat(got).hasSize(2);
        return got;
    }

    @Test
    void aReceiverFailingOnceGetsTheReplyAgainUnderTheSameKeyAndItIsDeliveredOnce() throws Exception {
        List<Received> got = sentAtTheSecondCall("/flaky-" + run, 500);
        assertThat(got.get(0).answered()).isEqualTo(500);
        assertThat(got.get(1).answered()).isEqualTo(200);
        assertThat(got.get(1).idempotencyKey()).isEqualTo(got.get(0).idempotencyKey());
        assertThat(got.stream().map(Received::idempotencyKey).distinct()).as("the receiver dedups on one key").hasSize(1);
        Thread.sleep(3000); // no third attempt comes
        assertThat(at("/flaky-" + run)).hasSize(2);
    }

    @Test
    void aReceiverThatTookTheReplyButAnsweredTooLateGetsItAgainUnderTheSameKeySoItShowsItOnce() throws Exception {
        List<Received> got = sentAtTheSecondCall("/slow-" + run, SLOW_OK);
        assertThat(got.get(1).idempotencyKey()).isEqualTo(got.get(0).idempotencyKey());
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        Thread.sleep(3000); // no third attempt comes
        assertThat(at("/slow-" + run)).hasSize(2);
    }

    @Test
    void aReceiverAskingToWaitIsCalledAgainAfterItsRetryAfter() throws Exception {
        List<Received> got = sentAtTheSecondCall("/busy-" + run, 429);
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).as("Retry-After: 3").isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void aReceiverRefusingTheReplyFailsItForGood() throws Exception {
        String path = "/gone-" + run;
        answers.put(path, n -> 410);
        String conversation = replyThrough(path);
        waitFor(() -> "failed".equals(replyMessage(conversation).get("delivery").asString()), 15);
        assertThat(replyMessage(conversation).get("deliveryError").asString()).contains("410");
        assertThat(at(path)).hasSize(1);
    }

    @Test
    void settingsAreCheckedAndCheckConnectionSaysWhereMessagesGo() throws Exception {
        Http.Answer shortSecret = http.post("/api/v1/channel-accounts", Map.of("kind", "webhook", "name", "weak " + run,
                "settings", Map.of(), "secrets", Map.of("secret", "short")), ADMIN);
        assertThat(shortSecret.status()).as(shortSecret.raw()).isEqualTo(400);
        assertThat(shortSecret.get("error").get("field").asString()).isEqualTo("secrets.secret");
        assertThat(shortSecret.raw()).doesNotContain("\"short\"");
        Http.Answer badChannel = http.post("/api/v1/channel-accounts", Map.of("kind", "webhook", "name", "bad " + run,
                "settings", Map.of("channel", "fax"), "secrets", Map.of("secret", SECRET)), ADMIN);
        assertThat(badChannel.get("error").get("field").asString()).as(badChannel.raw()).isEqualTo("settings.channel");
        Http.Answer badUrl = http.post("/api/v1/channel-accounts", Map.of("kind", "webhook", "name", "url " + run,
                "settings", Map.of("replyUrl", "ftp://example.com/x"), "secrets", Map.of("secret", SECRET)), ADMIN);
        assertThat(badUrl.get("error").get("field").asString()).as(badUrl.raw()).isEqualTo("settings.replyUrl");

        String account = source("review", "/check-" + run);
        Http.Answer check = http.post("/api/v1/channel-accounts/" + account + "/check", Map.of(), ADMIN);
        assertThat(check.get("ok").asBoolean()).as(check.raw()).isTrue();
        assertThat(check.get("message").asString()).contains("/api/v1/channel-accounts/" + account + "/inbound").contains("review").contains("127.0.0.1");

        // the secret's former name is still taken (scripts written before it was renamed), and signs as the new one
        Http.Answer legacy = http.post("/api/v1/channel-accounts", Map.of("kind", "webhook", "name", "legacy " + run,
                "settings", Map.of(), "secrets", Map.of("signingSecret", SECRET)), ADMIN);
        assertThat(legacy.status()).as(legacy.raw()).isEqualTo(201);
        assertThat(legacy.raw()).doesNotContain(SECRET);
        Http.Answer in = signed(legacy.get("id").asString(), item(run + "-legacy", "old-" + run, "Still signing the old way"),
                run + "-dl");
        assertThat(in.status()).as(in.raw()).isEqualTo(200);
        assertThat(in.get("results").get(0).get("status").asString()).isEqualTo("created");
    }

    @Test
    void theOldPathTakesTheSameSignedPosts() throws Exception {
        String account = source("other", null);
        String body = item(run + "-old", "oli-" + run, "Posted to the first path");
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + account))
                .header("Content-Type", "application/json").header("X-Earshot-Timestamp", ts)
                .header("X-Earshot-Delivery", run + "-dold").header("X-Earshot-Signature", hmac(SECRET, ts + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(messages(run + "-old")).isEqualTo(1);
    }
}
