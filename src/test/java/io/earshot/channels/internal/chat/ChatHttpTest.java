package io.earshot.channels.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import io.earshot.ingest.OutboundConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The web chat over real HTTP: the origin allow-list, visitor tokens bound to their chat and expiring when unused,
 * the HMAC identity check, rate limits that lose and double no accepted line, idempotent agent replies, and no
 * cookie on any chat answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=chat_http", "earshot.admin-token=" + ChatHttpTest.ADMIN, "earshot.clock=manual",
        "earshot.classify.detect-language=false", "earshot.secret-key=chat-http-test-secret-key-of-32-chars-at-least",
        "earshot.chat.visitor-messages=5", "earshot.chat.visitor-window=10s",
        "earshot.chat.address-messages=100000", "earshot.chat.address-visitors=40", "earshot.chat.visitors-window=1h"})
class ChatHttpTest {

    static final String ADMIN = "chat-http-admin";
    static final String SHOP = "https://shop.example.com";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    ChatConnector connector;

    Http http;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    long chatAccount(Map<String, String> secrets) {
        Http.Answer a = http.post("/api/v1/channel-accounts", Map.of("kind", "chat", "name", "site " + SEQ.incrementAndGet(),
                "settings", Map.of("allowedOrigins", SHOP + ", https://www.example.com:8443"), "secrets", secrets), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("id").asLong();
    }

    /** A /chat request; every answer of the chat is checked to set no cookie. */
    HttpResponse<String> chat(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().allValues("Set-Cookie")).as("no cookie on " + path).isEmpty();
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(HttpResponse<String> r) {
        return http.json().readTree(r.body());
    }

    HttpResponse<String> start(long account, String origin, String email, String hash) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("origin", origin);
        body.put("name", "Ann");
        if (email != null) {
            body.put("email", email);
            body.put("hash", hash);
        }
        return chat("POST", "/chat/" + account + "/visitors", http.json().writeValueAsString(body), null);
    }

    String visitor(long account) {
        HttpResponse<String> r = start(account, SHOP, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("token").asString();
    }

    HttpResponse<String> say(long account, String token, String text, String id) {
        return chat("POST", "/chat/" + account + "/messages", http.json().writeValueAsString(Map.of("text", text, "id", id)), token);
    }

    List<JsonNode> history(long account, String token) {
        HttpResponse<String> r = chat("GET", "/chat/" + account + "/history", null, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        json(r).get("lines").forEach(lines::add);
        return lines;
    }

    /** The conversation of the visitor who wrote {@code text}. */
    JsonNode conversationWith(String text) {
        return conversationWith(text, "chat");
    }

    JsonNode conversationWith(String text, String channel) {
        Http.Answer list = http.get("/api/v1/conversations?status=all&limit=200" + (channel == null ? "" : "&channel=" + channel), ADMIN);
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        for (JsonNode c : list.get("items")) {
            Http.Answer one = http.get("/api/v1/conversations/" + c.get("id").asString(), ADMIN);
            for (JsonNode m : one.get("messages")) {
                if (text.equals(m.get("text").asString())) {
                    return one.body();
                }
            }
        }
        throw new AssertionError("no conversation holds '" + text + "'");
    }

    void moveClock(Duration by) {
        Instant now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
        Http.Answer a = http.post("/api/v1/clock", Map.of("now", now.plus(by).toString()), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void theFrameIsOfferedOnlyToAnAllowedSiteAndNamesItAsItsOnlyAncestor() {
        long account = chatAccount(Map.of());
        HttpResponse<String> evil = chat("GET", "/chat/" + account + "/frame?origin=https://evil.example", null, null);
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.body()).contains("not offered on 'https://evil.example'");
        assertThat(evil.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");

        HttpResponse<String> frame = chat("GET", "/chat/" + account + "/frame?origin=https://shop.example.com", null, null);
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors https://shop.example.com").contains("script-src 'self'").doesNotContain("*");
        assertThat(chat("GET", "/chat/" + account + "/frame?origin=https://www.example.com:8443", null, null).statusCode())
                .isEqualTo(200);
        assertThat(chat("GET", "/chat/" + account + "/frame?origin=https://shop.example.com.evil.example", null, null)
                .statusCode()).as("exact hosts, not prefixes").isEqualTo(403);
        assertThat(chat("GET", "/chat/" + account + "/frame?origin=http://shop.example.com", null, null).statusCode())
                .as("the scheme counts").isEqualTo(403);
        assertThat(chat("GET", "/chat/" + account + "/widget.js", null, null).headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/javascript");

        HttpResponse<String> visitor = start(account, "https://evil.example", null, null);
        assertThat(visitor.statusCode()).isEqualTo(403);
        assertThat(json(visitor).get("error").get("code").asString()).isEqualTo("origin_not_allowed");

        Http.Answer bad = http.post("/api/v1/channel-accounts", Map.of("kind", "chat", "name", "bad " + SEQ.incrementAndGet(),
                "settings", Map.of("allowedOrigins", "https://shop.example.com/path")), ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("error").get("field").asString()).isEqualTo("settings.allowedOrigins");
        Http.Answer wild = http.post("/api/v1/channel-accounts", Map.of("kind", "chat", "name", "wild " + SEQ.incrementAndGet(),
                "settings", Map.of("allowedOrigins", "https://*.example.com")), ADMIN);
        assertThat(wild.status()).isEqualTo(400);
    }

    @Test
    void aTokenWorksOnlyOnItsOwnChatAndFromNoStrangeSite() {
        long a = chatAccount(Map.of());
        long b = chatAccount(Map.of());
        String token = visitor(a);
        assertThat(history(a, token)).isEmpty();
        HttpResponse<String> other = chat("GET", "/chat/" + b + "/history", null, token);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(json(other).get("error").get("message").asString()).contains("another chat");
        assertThat(chat("GET", "/chat/" + a + "/history", null, "cv_madeup").statusCode()).isEqualTo(401);
        assertThat(chat("GET", "/chat/" + a + "/history", null, null).statusCode()).isEqualTo(401);

        HttpRequest fromElsewhere = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat/" + a + "/messages"))
                .header("Authorization", "Bearer " + token).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")).build();
        try {
            assertThat(client.send(fromElsewhere, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenUnusedFor30DaysExpiresButOneInUseDoesNot() {
        long account = chatAccount(Map.of());
        String idle = visitor(account);
        String busy = visitor(account);
        moveClock(Duration.ofDays(20));
        assertThat(history(account, busy)).isEmpty();
        moveClock(Duration.ofDays(11));
        HttpResponse<String> expired = chat("GET", "/chat/" + account + "/history", null, idle);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("error").get("message").asString()).contains("expired");
        assertThat(history(account, busy)).as("used 11 days ago").isEmpty();
    }

    @Test
    void anEmailJoinsTheCustomerOnlyWhenTheSiteSignedIt() {
        String secret = "site-secret-" + SEQ.incrementAndGet();
        long account = chatAccount(Map.of("identitySecret", secret));
        String email = "pat" + SEQ.incrementAndGet() + "@example.com";
        Instant now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
        Http.Answer mail = http.post("/api/v1/messages", Map.of("channel", "email", "externalId", "<" + email + ">",
                "direction", "inbound", "author", Map.of("handle", email), "text", "An email from " + email,
                "createdAt", now.toString()), ADMIN);
        assertThat(mail.status()).as(mail.raw()).isIn(200, 201, 202);
        String customerByEmail = conversationWith("An email from " + email, "email").get("customer").get("id").asString();

        HttpResponse<String> forged = start(account, SHOP, email, IdentityCheck.sign("not the secret", email));
        assertThat(forged.statusCode()).isEqualTo(201);
        assertThat(json(forged).get("verified").asBoolean()).isFalse();
        String forgedText = "forged " + email;
        assertThat(say(account, json(forged).get("token").asString(), forgedText, "f1").statusCode()).isEqualTo(201);
        JsonNode forgedChat = conversationWith(forgedText);
        assertThat(forgedChat.get("customer").get("id").asString()).as("a typed email joins no one").isNotEqualTo(customerByEmail);
        assertThat(forgedChat.get("customer").get("name").asString()).contains(email).contains("unverified");

        HttpResponse<String> signed = start(account, SHOP, email, IdentityCheck.sign(secret, email).toUpperCase());
        assertThat(json(signed).get("verified").asBoolean()).isTrue();
        String signedText = "signed " + email;
        assertThat(say(account, json(signed).get("token").asString(), signedText, "s1").statusCode()).isEqualTo(201);
        assertThat(conversationWith(signedText, null).get("customer").get("id").asString()).isEqualTo(customerByEmail);
    }

    @Test
    void aFloodIsSlowedAndEveryAcceptedLineIsStoredOnce() throws Exception {
        long account = chatAccount(Map.of());
        String token = visitor(account);
        String run = "flood " + SEQ.incrementAndGet();
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 20; i++) {
            int n = i;
            sent.add(pool.submit(() -> say(account, token, run + " #" + n, "line-" + n)));
        }
        pool.shutdown();
        List<String> accepted = new ArrayList<>();
        int slowed = 0;
        for (int i = 0; i < sent.size(); i++) {
            HttpResponse<String> r = sent.get(i).get();
            if (r.statusCode() == 201) {
                accepted.add("line-" + i);
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(json(r).get("error").get("code").asString()).isEqualTo("too_many_requests");
                slowed++;
            }
        }
        assertThat(accepted).hasSize(5);
        assertThat(slowed).isEqualTo(15);
        // a line whose answer was lost is sent again with its id: the same line, even while slowed
        HttpResponse<String> again = say(account, token, run + " #" + accepted.get(0).substring(5), accepted.get(0));
        assertThat(again.statusCode()).isEqualTo(201);

        List<JsonNode> lines = history(account, token);
        Set<String> texts = new HashSet<>();
        lines.forEach(l -> texts.add(l.get("text").asString()));
        assertThat(lines).hasSize(5);
        assertThat(texts).hasSize(5);
        JsonNode conversation = conversationWith(lines.get(0).get("text").asString());
        int inbound = 0;
        for (JsonNode m : conversation.get("messages")) {
            if (m.get("text").asString().startsWith(run)) {
                inbound++;
            }
        }
        assertThat(inbound).as("each accepted line once in the desk, all in one conversation").isEqualTo(5);

        moveClock(Duration.ofSeconds(10));
        assertThat(say(account, token, run + " later", "later").statusCode()).as("refilled").isEqualTo(201);
        assertThat(say(account, token, "x".repeat(5001), "long").statusCode()).isEqualTo(400);
    }

    @Test
    void oneAddressMayStartOnlySoManyChatsAnHour() {
        long account = chatAccount(Map.of());
        HttpResponse<String> last = null;
        for (int i = 0; i <= 40 && (last == null || last.statusCode() == 201); i++) {
            last = start(account, SHOP, null, null);
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L)).isBetween(1L, 3600L);
        assertThat(json(last).get("error").get("code").asString()).isEqualTo("too_many_requests");
        moveClock(Duration.ofHours(1)); // refilled, for the other tests
        assertThat(start(account, SHOP, null, null).statusCode()).isEqualTo(201);
    }

    @Test
    void anAgentsReplyIsAddedOnceHoweverOftenItIsSent() throws Exception {
        long account = chatAccount(Map.of());
        String token = visitor(account);
        String text = "where is my order " + SEQ.incrementAndGet();
        assertThat(say(account, token, text, "q").statusCode()).isEqualTo(201);
        String customer = conversationWith(text).get("customer").get("handle").asString();
        var settings = new io.earshot.channels.AccountSettings(account, "chat", "site", Map.of("allowedOrigins", SHOP), Map.of());
        var outgoing = new OutboundConnector.Outgoing("earshot-991" + account, 991, account, "chat", null, customer,
                "It ships today.", true, null, List.of(), 1);
        assertThat(connector.alreadyDelivered(settings, outgoing)).isEmpty();
        String first = connector.send(settings, outgoing);
        String second = connector.send(settings, outgoing);
        assertThat(second).isEqualTo(first);
        assertThat(connector.alreadyDelivered(settings, outgoing)).contains(first);
        List<JsonNode> lines = history(account, token);
        assertThat(lines).extracting(l -> l.get("from").asString() + ": " + l.get("text").asString())
                .containsExactly("visitor: " + text, "agent: It ships today.");

        var stranger = new OutboundConnector.Outgoing("earshot-992", 992, account, "chat", null, "visitor-1", "hi", true, null,
                List.of(), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.send(settings, stranger))
                .isInstanceOf(OutboundConnector.Refused.class);
    }
}
