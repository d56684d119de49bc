package io.earshot.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.earshot.Http;
import io.earshot.platform.EarshotClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
 * RSS and Atom feeds as a listening source, end to end: feeds served by a local HTTP server, accounts made through the
 * API, polled on the manual clock (each poll is due when the test moves the clock past pollEvery), messages and the
 * account's health read back. Each test has its own path on the server and its own account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=feeds",
        "earshot.admin-token=" + FeedChannelTest.ADMIN,
        "earshot.secret-key=feeds-test-secret-key-0123456789abcdef",
        "earshot.clock=manual",
        "earshot.channels.supervise-every=200ms",
        "earshot.channels.feed.private-addresses=true", // the feeds are served from 127.0.0.1
        "earshot.channels.feed.max-size=64KB",
        "earshot.channels.feed.timeout=2s"})
class FeedChannelTest {

    static final String ADMIN = "feeds-admin-token";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** What the server answers: status, headers and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok(String contentType, String body) {
            return new Answer(200, Map.of("Content-Type", contentType), body);
        }
    }

    /** A request the server got: its path and headers. */
    record Got(String path, Headers headers, Instant at) {
    }

    static HttpServer server;
    static final Map<String, Function<Got, Answer>> answers = new ConcurrentHashMap<>();
    static final List<Got> got = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    Http http;
    String run;
    String agentToken;

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Got g = new Got(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), Instant.now());
            got.add(g);
            Answer a = answers.getOrDefault(g.path(), x -> new Answer(404, Map.of(), "")).apply(g);
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "f" + SEQ.incrementAndGet() + "x" + (System.nanoTime() % 100000);
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", "Agent " + run, "email", run + "-agent@desk.example",
                "role", "agent"), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        agentToken = a.get("token").asString();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A feed account reading {@code path} onto {@code channel}, polled every 60 s; its id. */
    String account(String path, String channel) {
        Http.Answer a = http.post("/api/v1/channel-accounts", Map.of("kind", "feed", "name", "feed " + run + path,
                "settings", Map.of("url", url(path), "channel", channel, "pollEvery", "60")), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        assertThat(a.get("channel").asString()).isEqualTo(channel);
        return a.get("id").asString();
    }

    /** Moves the manual clock past the next poll. */
    void nextPoll() {
        EarshotClock c = (EarshotClock) clock;
        c.advanceTo(c.instant().plusSeconds(61));
    }

    List<Got> requests(String path) {
        return got.stream().filter(g -> g.path().equals(path)).toList();
    }

    void awaitRequests(String path, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> requests(path).size() >= n);
    }

    List<Map<String, Object>> messages(String accountId) {
        return jdbc.queryForList("select external_id, body, author_handle, channel, created_at, url, conversation_id "
                + "from message where account_id = ? order by created_at, id", Long.parseLong(accountId));
    }

    JsonNode health(String accountId) {
        return http.get("/api/v1/channel-accounts/" + accountId, ADMIN).get("health");
    }

    static String rss(String title, String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>" + title + "</title><link>https://blog.example.com/</link><description>d</description>"
                + items + "</channel></rss>";
    }

    static String item(String guid, String link, String creator, String title, String description, String pubDate) {
        return "<item>" + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>")
                + (link == null ? "" : "<link>" + link + "</link>") + (creator == null ? "" : "<dc:creator>" + creator + "</dc:creator>")
                + "<title>" + title + "</title><description><![CDATA[" + description + "]]></description>"
                + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>") + "</item>";
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void rssEntriesArriveOnceEvenWhenRepeatedAndAnEditUpdatesTheMessage() {
        String path = "/" + run + "/rss.xml";
        String one = item("post-1", "https://blog.example.com/1", "Dana Fox", "Player froze", "<p>The player froze on every song.</p>",
                "Mon, 02 Mar 2026 10:00:00 GMT");
        String two = item(null, "https://blog.example.com/2", null, "Second post", "<p>No guid here, only a link.</p>",
                "Mon, 02 Mar 2026 11:00:00 GMT");
        answers.put(path, g -> Answer.ok("application/rss+xml", rss("Music Blog", one + two + one))); // post-1 twice in one feed
        String id = account(path, "blog");

        await().atMost(Duration.ofSeconds(20)).until(() -> messages(id).size() >= 2);
        List<Map<String, Object>> stored = messages(id);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0)).containsEntry("external_id", "post-1").containsEntry("author_handle", "Dana Fox")
                .containsEntry("channel", "blog").containsEntry("url", "https://blog.example.com/1")
                .containsEntry("created_at", Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
        assertThat((String) stored.get(0).get("body")).isEqualTo("Player froze\n\nThe player froze on every song.");
        assertThat(stored.get(1)).containsEntry("external_id", "https://blog.example.com/2")
                .containsEntry("author_handle", "Music Blog"); // no author: the feed's title

        // the next poll: post-1 edited, a new post-3, post 2 now under a guid but the same link
        String edited = item("post-1", "https://blog.example.com/1", "Dana Fox", "Player froze (update)",
                "<p>The player froze on every song. Fixed after the update.</p>", "Mon, 02 Mar 2026 10:00:00 GMT");
        String twoWithGuid = item("guid-2", "https://blog.example.com/2", null, "Second post", "<p>No guid here, only a link.</p>",
                "Mon, 02 Mar 2026 11:00:00 GMT");
        String three = item("post-3", "https://blog.example.com/3", "Kim", "Third", "<p>Another one.</p>", null);
        answers.put(path, g -> Answer.ok("application/rss+xml", rss("Music Blog", edited + twoWithGuid + three)));
        nextPoll();
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(id).size() >= 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(id).get(0).get("body").toString().contains("Fixed"));
        stored = messages(id);
        assertThat(stored).extracting(m -> m.get("external_id"))
                .containsExactlyInAnyOrder("post-1", "https://blog.example.com/2", "post-3");
        assertThat(stored.get(0).get("body")).isEqualTo("Player froze (update)\n\nThe player froze on every song. Fixed after the update.");
        assertThat(stored.stream().filter(m -> m.get("external_id").equals("post-3")).findFirst().orElseThrow().get("created_at"))
                .isEqualTo(clock.instant().toEpochMilli()); // no date: the application clock's now (manual, not moved since)
        long conversation = (long) stored.get(0).get("conversation_id");
        assertThat(jdbc.queryForObject("select count(*) from conversation_event where conversation_id = ? and kind = 'message_edited'",
                Long.class, conversation)).isEqualTo(1);

        // the same feed again, and after a restart of the task: nothing new, nothing edited twice
        int before = requests(path).size();
        nextPoll();
        awaitRequests(path, before + 1);
        assertThat(http.post("/api/v1/channel-accounts/" + id + "/pause", Map.of(), ADMIN).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/channel-accounts/" + id + "/resume", Map.of(), ADMIN).status()).isEqualTo(200);
        awaitRequests(path, before + 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> messages(id).size() == 3);
        assertThat(jdbc.queryForObject("select count(*) from conversation_event where conversation_id = ? and kind = 'message_edited'",
                Long.class, conversation)).isEqualTo(1);
    }

    @Test
    void atomEntriesHaveTheirHtmlCleaned() {
        String path = "/" + run + "/atom.xml";
        String atom = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Reviews</title>"
                + "<id>urn:uuid:feed</id><updated>2026-03-02T12:00:00Z</updated>"
                + "<entry><id>urn:uuid:entry-1</id><title type=\"html\">&lt;b&gt;One star&lt;/b&gt;</title>"
                + "<link href=\"https://reviews.example.com/r/1\"/><updated>2026-03-02T12:00:00Z</updated>"
                + "<author><name>Pat</name></author><content type=\"html\">&lt;p onclick=\"steal()\"&gt;Broken after the "
                + "update&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=\"alert(1)\"&gt; "
                + "&lt;a href=\"javascript:alert(2)\"&gt;click&lt;/a&gt;&lt;style&gt;p{}&lt;/style&gt;&lt;/p&gt;</content></entry></feed>";
        answers.put(path, g -> Answer.ok("application/atom+xml", atom));
        String id = account(path, "review");

        await().atMost(Duration.ofSeconds(20)).until(() -> messages(id).size() >= 1);
        Map<String, Object> m = messages(id).get(0);
        assertThat(m).containsEntry("external_id", "urn:uuid:entry-1").containsEntry("author_handle", "Pat")
                .containsEntry("channel", "review")
                .containsEntry("created_at", Instant.parse("2026-03-02T12:00:00Z").toEpochMilli()); // updated: no published
        String body = (String) m.get("body");
        assertThat(body).startsWith("One star\n\nBroken after the update").contains("click");
        assertThat(body).doesNotContain("<", "script", "alert", "onclick", "onerror", "steal", "javascript", "p{}");
    }

    @Test
    void aFeedUnchangedAnswers304AndNothingIsStored() {
        String path = "/" + run + "/conditional.xml";
        String feed = rss("Forum", item("t-1", "https://forum.example.com/t/1", "Lee", "Login loop", "<p>Cannot log in.</p>", null));
        String etag = "\"v1-" + run + "\"";
        String modified = "Mon, 02 Mar 2026 09:00:00 GMT";
        answers.put(path, g -> etag.equals(g.headers().getFirst("If-None-Match")) && modified.equals(g.headers().getFirst("If-Modified-Since"))
                ? new Answer(304, Map.of("ETag", etag), "")
                : new Answer(200, Map.of("Content-Type", "application/rss+xml", "ETag", etag, "Last-Modified", modified), feed));
        String id = account(path, "forum");
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(id).size() >= 1);
        assertThat(requests(path).get(0).headers().getFirst("If-None-Match")).isNull();

        String lastSuccess = health(id).get("lastSuccessAt").asString();
        nextPoll();
        awaitRequests(path, 2);
        Got second = requests(path).get(1);
        assertThat(second.headers().getFirst("If-None-Match")).isEqualTo(etag);
        assertThat(second.headers().getFirst("If-Modified-Since")).isEqualTo(modified);
        await().atMost(Duration.ofSeconds(10)).until(() -> !health(id).get("lastSuccessAt").asString().equals(lastSuccess));
        assertThat(messages(id)).hasSize(1);
        assertThat(health(id).get("lastError").isNull()).isTrue();
    }

    @Test
    void retryAfterIsHonouredAndShownOnTheHealth() {
        String path = "/" + run + "/busy.xml";
        AtomicInteger calls = new AtomicInteger();
        String feed = rss("Busy", item("b-1", "https://busy.example.com/1", "Ann", "Hello", "<p>hi</p>", null));
        answers.put(path, g -> calls.incrementAndGet() == 1 ? new Answer(429, Map.of("Retry-After", "600"), "")
                : Answer.ok("application/rss+xml", feed));
        Instant start = clock.instant();
        String id = account(path, "blog");
        awaitRequests(path, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !health(id).get("rateLimitedUntil").isNull());
        Instant until = Instant.parse(health(id).get("rateLimitedUntil").asString());
        assertThat(until).isBetween(start.plusSeconds(599), clock.instant().plusSeconds(601));

        nextPoll(); // pollEvery is past, Retry-After is not: no request
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> requests(path).size() == 1);
        ((EarshotClock) clock).advanceTo(until.plusSeconds(1));
        awaitRequests(path, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(id).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> health(id).get("rateLimitedUntil").isNull());
    }

    @Test
    void anExternalEntityIsRefusedAndNeverFetched() {
        String path = "/" + run + "/xxe.xml";
        String secret = "/" + run + "/secret.txt";
        answers.put(secret, g -> Answer.ok("text/plain", "TOP-SECRET"));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY leak SYSTEM \"" + url(secret) + "\">"
                + "<!ENTITY file SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>x</title>"
                + "<item><guid>x-1</guid><title>&leak;</title><description>&file;</description></item></channel></rss>";
        answers.put(path, g -> Answer.ok("application/rss+xml", xxe));
        String id = account(path, "blog");
        await().atMost(Duration.ofSeconds(20)).until(() -> !health(id).get("lastError").isNull());
        assertThat(health(id).get("lastError").asString()).contains("DOCTYPE");
        assertThat(messages(id)).isEmpty();
        assertThat(requests(secret)).isEmpty();
    }

    @Test
    void aBodyThatIsNoFeedTooLargeOrBrokenIsReportedOnTheHealth() {
        String page = "/" + run + "/page.html";
        answers.put(page, g -> Answer.ok("text/html", "<!doctype html><html><body><p>Just a web page</p></body></html>"));
        String huge = "/" + run + "/huge.xml";
        String big = rss("Big", item("h-1", null, null, "x", "y".repeat(70_000), null));
        answers.put(huge, g -> Answer.ok("application/rss+xml", big));
        String broken = "/" + run + "/broken.xml";
        answers.put(broken, g -> Answer.ok("application/rss+xml", "<rss version=\"2.0\"><channel><title>cut off<item>"));
        String notXmlFeed = "/" + run + "/other.xml";
        answers.put(notXmlFeed, g -> Answer.ok("application/xml", "<?xml version=\"1.0\"?><invoice><total>3</total></invoice>"));
        String gone = "/" + run + "/gone.xml";

        Map<String, String> expected = Map.of(
                account(page, "blog"), "is not an RSS or Atom feed",
                account(huge, "blog"), "larger than 65536 bytes",
                account(broken, "blog"), "is not an RSS or Atom feed",
                account(notXmlFeed, "blog"), "is not an RSS or Atom feed",
                account(gone, "blog"), "answered HTTP 404");
        expected.forEach((id, says) -> {
            await().atMost(Duration.ofSeconds(20)).until(() -> !health(id).get("lastError").isNull());
            assertThat(health(id).get("lastError").asString()).as(id).contains(says);
            assertThat(messages(id)).isEmpty();
        });
        assertThat(http.get("/api/v1/channel-accounts", ADMIN).status()).isEqualTo(200); // still serving
    }

    @Test
    void aFeedEntryOffersNoReplyRouteAndAReplyIsRefused() {
        String path = "/" + run + "/noreply.xml";
        answers.put(path, g -> Answer.ok("application/rss+xml", rss("Community",
                item("c-1", "https://community.example.com/1", "Sam " + run, "Refund?", "<p>Where is my refund?</p>", null))));
        String id = account(path, "forum");
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(id).size() >= 1);
        long conversation = (long) messages(id).get(0).get("conversation_id");

        JsonNode detail = http.get("/api/v1/conversations/" + conversation, agentToken).body();
        assertThat(detail.get("routes").size()).isZero();
        Http.Answer reply = http.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "We are on it"), agentToken);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.get("error").get("field").asString()).isEqualTo("replyTo");
        assertThat(jdbc.queryForObject("select count(*) from message where conversation_id = ? and inbound = false", Long.class,
                conversation)).isZero();
    }

    @Test
    void settingsAreChecked() {
        Http.Answer ftp = http.post("/api/v1/channel-accounts", Map.of("kind", "feed", "name", "ftp " + run,
                "settings", Map.of("url", "ftp://example.com/feed")), ADMIN);
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.get("error").get("field").asString()).isEqualTo("settings.url");
        Http.Answer channel = http.post("/api/v1/channel-accounts", Map.of("kind", "feed", "name", "tw " + run,
                "settings", Map.of("url", url("/x"), "channel", "twitter")), ADMIN);
        assertThat(channel.status()).isEqualTo(400);
        assertThat(channel.get("error").get("field").asString()).isEqualTo("settings.channel");
        Http.Answer often = http.post("/api/v1/channel-accounts", Map.of("kind", "feed", "name", "often " + run,
                "settings", Map.of("url", url("/x"), "pollEvery", "5")), ADMIN);
        assertThat(often.status()).isEqualTo(400);
        assertThat(often.get("error").get("message").asString()).contains("at least 60");
    }
}
