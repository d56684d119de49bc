package io.earshot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Each finding of issue 10's attack on the running application, as the request that showed it: every one is now
 * answered in the API's error shape, with a 4xx naming what is wrong, and nothing valid beside it is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=hostile",
        "earshot.clock=manual",
        "earshot.admin-token=" + HostileInputTest.ADMIN,
        "earshot.http.max-body-size=256KB",
        "earshot.ingest.max-body-size=512KB",
        "earshot.admin-password=" + HostileInputTest.PASSWORD,
        "earshot.http.expensive-reads=1000"})
class HostileInputTest {

    static final String ADMIN = "hostile-admin-token";
    static final String PASSWORD = "hostile-admin-password";

    @LocalServerPort
    int port;

    Http http;
    String run;
    Instant now;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "h" + System.nanoTime() + "-";
        now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
    }

    Map<String, Object> item(String externalId, Object idValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", "twitter");
        m.put("externalId", idValue == null ? run + externalId : idValue);
        m.put("direction", "inbound");
        m.put("author", new LinkedHashMap<>(Map.of("handle", run + "poison")));
        m.put("text", "my order " + externalId + " never came");
        m.put("createdAt", now.toString());
        return m;
    }

    static void assertErrorShape(Http.Answer a, int status) {
        assertThat(a.status()).as(a.raw()).isEqualTo(status);
        assertThat(a.body()).as(a.raw()).isNotNull();
        assertThat(a.body().path("error").path("code").isString()).as(a.raw()).isTrue();
        assertThat(a.body().path("error").path("message").isString()).as(a.raw()).isTrue();
        assertThat(a.raw()).doesNotContain("Exception", "tools.jackson", "springframework", "org.postgresql", "java.lang");
    }

    @Test
    void onePoisonItemIsRejectedAloneAndItsSiblingsAreStoredOnce() {
        Map<String, Object> arrayId = item("a", List.of(1));
        Map<String, Object> objectId = item("b", Map.of());
        Map<String, Object> longName = item("c", null);
        ((Map<String, Object>) longName.get("author")).put("name", "N".repeat(201));
        Map<String, Object> ancient = item("d", null);
        ancient.put("createdAt", "-999999999-01-01T00:00:00Z");
        Map<String, Object> farFuture = item("e", null);
        farFuture.put("createdAt", "+999999999-12-31T23:59:59Z");
        Map<String, Object> good1 = item("g1", null);
        Map<String, Object> good2 = item("g2", null);
        List<Map<String, Object>> batch = List.of(arrayId, good1, objectId, longName, ancient, farFuture, good2);

        Http.Answer first = http.post("/api/v1/messages", batch, ADMIN);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        JsonNode r = first.get("results");
        assertThat(r.get(0).get("field").asString()).isEqualTo("externalId");
        assertThat(r.get(2).get("field").asString()).isEqualTo("externalId");
        assertThat(r.get(3).get("field").asString()).isEqualTo("author.name");
        assertThat(r.get(4).get("field").asString()).isEqualTo("createdAt");
        assertThat(r.get(5).get("field").asString()).isEqualTo("createdAt");
        assertThat(r.get(1).get("status").asString()).isEqualTo("created");
        assertThat(r.get(6).get("status").asString()).isEqualTo("created");

        JsonNode again = http.post("/api/v1/messages", batch, ADMIN).get("results");
        assertThat(again.get(1).get("status").asString()).isEqualTo("duplicate");
        assertThat(again.get(6).get("status").asString()).isEqualTo("duplicate");
        assertThat(again.get(1).get("messageId").asString()).isEqualTo(r.get(1).get("messageId").asString());
    }

    /**
     * An unpaired UTF-16 surrogate (a JSON "\\ud800" escape) cannot be stored as PostgreSQL text: in a customer's
     * words it becomes U+FFFD, like NUL; in a name or an id it is refused naming the field; never a 500.
     */
    @Test
    void anUnpairedSurrogateIsReplacedInTextAndRefusedElsewhere() {
        String lone = "\\ud800";
        String message = "{\"channel\":\"twitter\",\"externalId\":\"" + run + "sur\",\"direction\":\"inbound\","
                + "\"author\":{\"handle\":\"" + run + "sur\",\"name\":\"Ann\"},\"text\":\"broken " + lone + " emoji\","
                + "\"createdAt\":\"" + now + "\"}";
        Http.Answer stored = http.postRaw("/api/v1/messages", message, "application/json", ADMIN);
        assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
        JsonNode result = stored.get("results").get(0);
        assertThat(result.get("status").asString()).as(stored.raw()).isEqualTo("created");
        JsonNode detail = http.get("/api/v1/conversations/" + result.get("conversationId").asString(), ADMIN).body();
        assertThat(detail.get("messages").get(0).get("text").asString()).isEqualTo("broken \uFFFD emoji");

        Http.Answer handle = http.postRaw("/api/v1/messages", message.replace(run + "sur\",\"name", run + lone + "\",\"name")
                .replace(run + "sur\",\"direction", run + "sur2\",\"direction"), "application/json", ADMIN);
        assertThat(handle.status()).as(handle.raw()).isEqualTo(200);
        assertThat(handle.get("results").get(0).get("field").asString()).as(handle.raw()).isEqualTo("author.handle");

        assertErrorShape(http.postRaw("/api/v1/teams", "{\"name\":\"team " + lone + "\"}", "application/json", ADMIN), 400);
        Http.Answer team = http.postRaw("/api/v1/teams", "{\"name\":\"team " + lone + "\"}", "application/json", ADMIN);
        assertThat(team.get("error").get("field").asString()).isEqualTo("name");
    }

    @Test
    void anNdjsonLineWithAByteOrderMarkIsRead() {
        String line = http.json().writeValueAsString(item("bom", null));
        Http.Answer a = http.postRaw("/api/v1/messages", "\uFEFF" + line + "\n", "application/x-ndjson", ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        assertThat(a.get("results").get(0).get("status").asString()).as(a.raw()).isEqualTo("created");
    }

    @Test
    void aHugeBodyToAnyEndpointIs413WithoutReadingIt() {
        String conversation = http.post("/api/v1/messages", item("big", null), ADMIN).get("results").get(0)
                .get("conversationId").asString();
        String huge = "[" + "1,".repeat(400_000) + "1]";
        assertErrorShape(http.postRaw("/api/v1/conversations/" + conversation + "/status", huge, "application/json", ADMIN), 413);
        assertErrorShape(http.postRaw("/api/v1/teams", huge, "application/json", ADMIN), 413);
        // still answering, and the conversation is as it was
        assertThat(http.get("/api/v1/conversations/" + conversation, ADMIN).status()).isEqualTo(200);
    }

    @Test
    void idsPastTheLargestLongAreNotFoundOrInvalidNeverAnOverflow() {
        for (String id : List.of("9223372036854775808", "9999999999999999999", "-1", "00000000000000000001x")) {
            assertErrorShape(http.get("/api/v1/conversations/" + id, ADMIN), 404);
            assertErrorShape(http.get("/api/v1/customers/" + id, ADMIN), 404);
            assertErrorShape(http.post("/api/v1/commitments/" + id + "/kept", Map.of(), ADMIN), 404);
        }
        String conversation = http.post("/api/v1/messages", item("ids", null), ADMIN).get("results").get(0)
                .get("conversationId").asString();
        Http.Answer assign = http.post("/api/v1/conversations/" + conversation + "/assign",
                Map.of("agentId", "9999999999999999999"), ADMIN);
        assertThat(assign.status()).as(assign.raw()).isBetween(400, 404);
        assertErrorShape(assign, assign.status());
        Http.Answer list = http.get("/api/v1/conversations?assignee=9999999999999999999", ADMIN);
        assertThat(list.status()).as(list.raw()).isIn(200, 400);
        Http.Answer owner = http.get("/api/v1/commitments?owner=9999999999999999999", ADMIN);
        assertThat(owner.status()).as(owner.raw()).isIn(200, 400);
    }

    @Test
    void extremeInstantsAreRefusedNamingTheFieldAndTheClockDoesNotMove() {
        String far = "%2B999999999-12-31T23:59:59Z";
        assertErrorShape(http.get("/api/v1/alerts?since=" + far, ADMIN), 400);
        assertErrorShape(http.get("/api/v1/reports/summary?from=" + far, ADMIN), 400);
        assertErrorShape(http.get("/api/v1/reports/summary?to=-999999999-01-01T00:00:00Z", ADMIN), 400);
        Http.Answer clock = http.post("/api/v1/clock", Map.of("now", "+999999999-12-31T23:59:59Z"), ADMIN);
        assertErrorShape(clock, 400);
        assertThat(clock.body().path("error").path("field").asString()).isEqualTo("now");
        assertThat(http.get("/api/v1/clock", ADMIN).get("now").asString()).isEqualTo(now.toString());
        // and the product goes on working
        assertThat(http.post("/api/v1/messages", item("after-clock", null), ADMIN).get("results").get(0)
                .get("status").asString()).isEqualTo("created");
    }

    @Test
    void slaPolicyNumbersPastLongAreInvalid() {
        Http.Answer a = http.postRaw("/api/v1/sla-policies", "{\"name\":\"x\",\"firstResponse\":\"1h\",\"position\":99999999999999999999999}",
                "application/json", ADMIN);
        assertErrorShape(a, 400);
        assertThat(a.body().path("error").path("field").asString()).isEqualTo("position");
    }

    @Test
    void malformedJsonIsDescribedWithoutParserInternals() {
        Http.Answer a = http.postRaw("/api/v1/teams", "{\"name\": 1" + "0".repeat(2000) + "}", "application/json", ADMIN);
        assertErrorShape(a, 400);
        Http.Answer b = http.postRaw("/api/v1/teams", "{\"name\": ", "application/json", ADMIN);
        assertErrorShape(b, 400);
        Http.Answer c = http.postRaw("/api/v1/messages", "{\"text\": \"" + "\\" + "uZZZZ\"}", "application/json", ADMIN);
        assertErrorShape(c, 400);
    }

    @Test
    void oddPathsGetTheErrorShapeNotAServerPage() throws Exception {
        for (String path : List.of("/api/v1/conversations;x=1", "/api//v1/conversations", "/api/v1/../v1/conversations",
                "/api/v1/conversations/%2e%2e/x", "/api/v1/%00", "/api/v1/conversations/%2F", "/error",
                "/api/v1/" + "a".repeat(10_000))) {
            Raw r = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).as(path + " -> " + r.text()).isBetween(400, 499);
            assertThat(r.body()).as(path + " -> " + r.text()).startsWith("{\"error\":{\"code\":")
                    .doesNotContain("Tomcat", "Exception", "<html");
        }
    }

    @Test
    void aMistypedDeskAddressIsAPageForABrowser() throws Exception {
        Raw r = raw("GET /error HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("Page not found").doesNotContain("Whitelabel");
    }

    @Test
    void theSessionCookieIsSameSiteAndHttpOnly() throws Exception {
        Raw r = raw("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String cookie = r.headers().lines().filter(l -> l.toLowerCase().startsWith("set-cookie: jsessionid")).findFirst().orElse("");
        assertThat(cookie).as(r.headers()).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
    }

    @Test
    void theDeskSendsAContentSecurityPolicyAndRefusesAFormWithoutItsCsrfToken() throws Exception {
        Raw page = raw("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String csp = page.headers().lines().filter(l -> l.toLowerCase().startsWith("content-security-policy:")).findFirst().orElse("");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
        String form = "email=admin%40earshot.local&password=x";
        Raw post = raw("POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length() + "\r\nConnection: close\r\n\r\n" + form);
        assertThat(post.status()).as(post.text()).isEqualTo(403);
    }

    @Test
    void aChunkedBodyPastItsLimitIs413OnEveryEndpoint() throws Exception {
        String conversation = http.post("/api/v1/messages", item("chunked", null), ADMIN).get("results").get(0)
                .get("conversationId").asString();
        for (String[] target : new String[][] {{"/api/v1/messages", "600000"}, {"/api/v1/conversations/" + conversation + "/status", "300000"}}) {
            int size = Integer.parseInt(target[1]);
            String chunk = "[" + " ".repeat(size) + "]";
            Raw r = raw("POST " + target[0] + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
            assertThat(r.status()).as(target[0] + " " + r.text()).isEqualTo(413);
            assertThat(r.body()).startsWith("{\"error\":{\"code\":\"too_large\"");
        }
    }

    @Test
    void aGetWithAnOddContentTypeAndNoBodyIsServed() throws Exception {
        Raw r = raw("GET /api/v1/conversations?limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN
                + "\r\nContent-Type: */*\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        // an empty POST with it is read as the empty body it is (found by the fuzzer: "*/*" reached Spring's parser)
        Raw empty = raw("POST /api/v1/clock HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN
                + "\r\nContent-Type: */*\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(empty.status()).as(empty.text()).isEqualTo(400);
        assertThat(empty.body()).startsWith("{\"error\":");
    }

    @Test
    void deskFormsAreReadAsUtf8AndMultipartIsRefusedNotCrashed() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;
        String login = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        assertThat(m.find()).isTrue();
        String csrf = m.group(1);
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=admin%40earshot.local&password=" + PASSWORD + "&_csrf=" + csrf))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String inbox = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/inbox")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher meta = java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(inbox);
        assertThat(meta.find()).as(inbox).isTrue();
        String token = meta.group(1);
        String name = "Grüße 😀 " + run;
        // a browser's form post: UTF-8, percent-encoded, no charset in the Content-Type
        java.net.http.HttpResponse<String> team = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/teams"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + "&timeZone=UTC&_csrf=" + token)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(team.statusCode()).as(team.body()).isEqualTo(302);
        assertThat(http.get("/api/v1/teams", ADMIN).raw()).contains(name);
        // multipart (with a NUL in a part) is not something the desk takes: refused, never a 500
        String multipart = "--zz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na\u0000b\r\n--zz--\r\n";
        java.net.http.HttpResponse<String> refused = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/teams"))
                .header("Content-Type", "multipart/form-data; boundary=zz").header("X-CSRF-TOKEN", token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(multipart)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
    }

    record Raw(int status, String headers, String body) {
        String text() {
            return headers + "\r\n\r\n" + body;
        }
    }

    /** A request written byte for byte, as a hostile client would, past any client library's checks. */
    Raw raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1); // one char a byte, so chunk sizes count right
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new Raw(status, head, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(i, eol).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
