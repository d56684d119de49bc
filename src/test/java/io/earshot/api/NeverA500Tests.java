package io.earshot.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.earshot.Http;
import java.net.CookieManager;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10, "Never a 500": each finding, over real HTTP against a real PostgreSQL. Webhooks into special-purpose
 * address ranges and this machine's own interfaces are refused; the CSV export defuses full-width formulas; a canned
 * response for every team has no team; a team's name cannot be blank.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=never500",
        "earshot.clock=manual",
        "earshot.admin-token=" + NeverA500Tests.ADMIN,
        "earshot.alerting.webhook-timeout=3s"})
class NeverA500Tests {

    static final String ADMIN = "never-a-500-admin-token";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    Http http;
    String run;
    Instant now;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "n" + System.nanoTime() + "-" + SEQ.incrementAndGet();
        now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
    }

    private Map<String, Object> inbound(String key, String text) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("channel", "twitter");
        item.put("externalId", run + key);
        item.put("direction", "inbound");
        item.put("author", Map.of("handle", run + key));
        item.put("text", text);
        item.put("createdAt", now.toString());
        return item;
    }

    private void advance(Duration d) {
        now = now.plus(d);
        Http.Answer a = http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
    }

    private Http.Answer webhook(String url) {
        return http.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("*"), "secret", "long-enough-secret"), ADMIN);
    }

    // ---- webhooks ---------------------------------------------------------------------------------------------

    @Test
    void webhooksIntoSpecialPurposeRangesAreRegisteredWithAWarning() {
        for (String url : List.of("http://192.0.0.8/hook", "http://192.0.2.1/hook", "http://198.18.0.1/hook", "http://198.51.100.7/hook",
                "http://203.0.113.9/hook", "http://240.0.0.1/hook", "http://255.255.255.255/hook", "http://[::127.0.0.1]/hook",
                "http://[::ffff:10.0.0.1]/hook", "http://[64:ff9b::a00:1]/hook", "http://[64:ff9b:1::1]/hook", "http://[2002:7f00:1::]/hook",
                "http://[2001::1]/hook", "http://[2001:db8::1]/hook", "http://[100::1]/hook", "http://[fec0::1]/hook")) {
            Http.Answer hook = webhook(url);
            assertThat(hook.status()).as(url + " " + hook.raw()).isEqualTo(201);
            assertThat(hook.get("warning")).as(url + " " + hook.raw()).isNotNull();
            assertThat(hook.get("warning").asString()).as(url).contains("will be refused").contains("inside Earshot's own network");
            assertThat(http.delete("/api/v1/webhooks/" + hook.get("id").asString(), ADMIN).status()).isEqualTo(204);
        }
        for (String url : List.of("https://8.8.8.8/hook-" + run, "https://[2001:4860:4860::8888]/hook-" + run)) {
            Http.Answer hook = webhook(url);
            assertThat(hook.status()).as(hook.raw()).isEqualTo(201);
            assertThat(hook.body().has("warning")).as(url + " " + hook.raw()).isFalse();
            assertThat(http.delete("/api/v1/webhooks/" + hook.get("id").asString(), ADMIN).status()).isEqualTo(204);
        }
    }

    /** An IPv4 address of this machine that is not loopback (eth0's, say), if it has one. */
    private static Optional<InetAddress> ownAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && nic.isUp()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void aWebhookToThisMachinesOwnInterfaceAddressIsNeverCalled() throws Exception {
        Optional<InetAddress> own = ownAddress();
        Assumptions.assumeTrue(own.isPresent(), "this machine has no address but loopback");
        // a receiver listening on every interface: were the call made, it would hear it
        List<String> heard = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(0), 0);
        receiver.createContext("/hook", exchange -> {
            heard.add(exchange.getRequestHeaders().getFirst("X-Earshot-Delivery"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://" + own.get().getHostAddress() + ":" + receiver.getAddress().getPort() + "/hook";
            Http.Answer hook = http.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("sla_breach"),
                    "secret", "long-enough-secret"), ADMIN);
            assertThat(hook.status()).as(hook.raw()).isEqualTo(201);
            assertThat(hook.get("warning")).as(hook.raw()).isNotNull();
            assertThat(hook.get("warning").asString()).contains("inside Earshot's own network");
            String id = hook.get("id").asString();
            Http.Answer in = http.post("/api/v1/messages", inbound("own", "Your service is down and nobody answers me!"), ADMIN);
            assertThat(in.status()).as(in.raw()).isEqualTo(200);
            advance(Duration.ofHours(3));
            JsonNode attempt = null;
            for (int i = 0; i < 100 && attempt == null; i++) {
                JsonNode deliveries = http.get("/api/v1/webhooks/" + id, ADMIN).get("deliveries");
                if (deliveries.size() > 0 && deliveries.get(0).get("log").size() > 0) {
                    attempt = deliveries.get(0).get("log").get(0);
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(attempt).as("an attempt was logged").isNotNull();
            assertThat(attempt.get("error").asString()).contains("not called").contains(own.get().getHostAddress());
            assertThat(attempt.get("statusCode").isNull()).isTrue();
            assertThat(heard).isEmpty();
            assertThat(http.delete("/api/v1/webhooks/" + id, ADMIN).status()).isEqualTo(204);
        } finally {
            receiver.stop(0);
        }
    }

    // ---- CSV export -------------------------------------------------------------------------------------------

    /** Signs in to the desk through its form; the browser, with its session cookie. */
    private HttpClient signIn(String email, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        String body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/inbox");
        return browser;
    }

    @Test
    void theCsvExportDefusesFullWidthFormulasInAgentNames() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("eq", "\uFF1DHYPERLINK(\"http://x.example\")" + run);
        names.put("plus", "\uFF0B1+" + run);
        names.put("minus", "\uFF0D1+" + run);
        names.put("at", "\uFF20SUM(A1)" + run);
        Map<String, String> tokens = new HashMap<>();
        for (Map.Entry<String, String> n : names.entrySet()) {
            Http.Answer agent = http.post("/api/v1/agents", Map.of("name", n.getValue(), "email", run + n.getKey() + "@example.com",
                    "role", "agent"), ADMIN);
            assertThat(agent.status()).as(agent.raw()).isEqualTo(201);
            tokens.put(n.getKey(), agent.get("token").asString());
        }
        String viewer = run + "viewer@example.com";
        assertThat(http.post("/api/v1/agents", Map.of("name", "Viewer " + run, "email", viewer, "role", "lead",
                "password", "a desk password"), ADMIN).status()).isEqualTo(201);
        for (Map.Entry<String, String> n : names.entrySet()) {
            Map<String, Object> item = inbound("csv-" + n.getKey(), "Where is my parcel?");
            Http.Answer in = http.post("/api/v1/messages", item, ADMIN);
            assertThat(in.status()).as(in.raw()).isEqualTo(200);
            String conversation = in.get("results").get(0).get("conversationId").asString();
            Http.Answer reply = http.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Looking now."),
                    tokens.get(n.getKey()));
            assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        }
        HttpClient desk = signIn(viewer, "a desk password");
        HttpResponse<String> csv = desk.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dashboard.csv?from=" + now.minus(Duration.ofDays(1))
                        + "&to=" + now.plus(Duration.ofHours(1)))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        String body = csv.body();
        for (String name : names.values()) {
            String quoted = name.contains(",") || name.contains("\"") ? "\"'" + name.replace("\"", "\"\"") + "\"" : "'" + name;
            assertThat(body).as(name).contains(",," + quoted + ",");
        }
    }

    // ---- canned responses and teams ---------------------------------------------------------------------------

    @Test
    void aCannedResponseForEveryTeamComesBackWithoutATeam() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Everyone " + run);
        body.put("body", "Hi {{customer.firstName}}, we are on it.");
        body.put("teamId", null);
        Http.Answer made = http.post("/api/v1/canned-responses", body, ADMIN);
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(teamIdOf(made.body())).as(made.raw()).isNull();
        String id = made.get("id").asString();

        JsonNode listed = null;
        for (JsonNode c : http.get("/api/v1/canned-responses?all=true", ADMIN).get("items")) {
            if (c.get("id").asString().equals(id)) {
                listed = c;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(teamIdOf(listed)).as(listed.toString()).isNull();

        String team = http.post("/api/v1/teams", Map.of("name", "Canned " + run), ADMIN).get("id").asString();
        body.put("teamId", team);
        Http.Answer forTeam = http.put("/api/v1/canned-responses/" + id, body, ADMIN);
        assertThat(forTeam.status()).as(forTeam.raw()).isEqualTo(200);
        assertThat(teamIdOf(forTeam.body())).isEqualTo(team);
        body.put("teamId", null);
        Http.Answer back = http.put("/api/v1/canned-responses/" + id, body, ADMIN);
        assertThat(back.status()).as(back.raw()).isEqualTo(200);
        assertThat(teamIdOf(back.body())).as(back.raw()).isNull();
    }

    private static String teamIdOf(JsonNode canned) {
        JsonNode team = canned.get("teamId");
        return team == null || team.isNull() ? null : team.asString();
    }

    @Test
    void aTeamCannotBeGivenABlankName() {
        for (String blank : List.of("", "   ", "\u00a0", "\u2007\u202f", "\u200b", "\ufeff \t")) {
            Map<String, Object> create = Map.of("name", blank);
            Http.Answer made = http.post("/api/v1/teams", create, ADMIN);
            assertThat(made.status()).as("POST '" + blank + "' " + made.raw()).isEqualTo(400);
            assertThat(made.get("error").get("code").asString()).isEqualTo("invalid");
            assertThat(made.get("error").get("field").asString()).isEqualTo("name");
        }
        Http.Answer team = http.post("/api/v1/teams", Map.of("name", "\u00a0 Support " + run + " \u200b"), ADMIN);
        assertThat(team.status()).as(team.raw()).isEqualTo(201);
        assertThat(team.get("name").asString()).isEqualTo("Support " + run);
        String id = team.get("id").asString();
        for (String blank : List.of("", "   ", "\u00a0", "\u200b")) {
            Http.Answer changed = http.put("/api/v1/teams/" + id, Map.of("name", blank), ADMIN);
            assertThat(changed.status()).as("PUT '" + blank + "' " + changed.raw()).isEqualTo(400);
            assertThat(changed.get("error").get("field").asString()).isEqualTo("name");
        }
        assertThat(http.get("/api/v1/teams/" + id, ADMIN).get("name").asString()).isEqualTo("Support " + run);
        Http.Answer renamed = http.put("/api/v1/teams/" + id, Map.of("name", " Care " + run + " "), ADMIN);
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.get("name").asString()).isEqualTo("Care " + run);
        Http.Answer kept = http.put("/api/v1/teams/" + id, Map.of("timeZone", "Europe/Berlin"), ADMIN);
        assertThat(kept.status()).as(kept.raw()).isEqualTo(200);
        assertThat(kept.get("name").asString()).isEqualTo("Care " + run);
    }
}
