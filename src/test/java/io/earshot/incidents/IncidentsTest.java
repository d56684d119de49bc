package io.earshot.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import io.earshot.listening.SpikeDetected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, incidents, through the public API against a real database with the manual clock: one update reaching 50
 * customers on three channels exactly once each, paced per channel, and the fix once more, resolving them all; a
 * retried request sending nothing twice; latecomers (added by a lead, or a new match of the topic found by the sweep)
 * getting the latest update; a spike of negative messages opening one incident; who may do what; the errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=incidents",
        "earshot.clock=manual",
        "earshot.admin-token=" + IncidentsTest.ADMIN,
        "earshot.timers.poll-interval=100ms",
        "earshot.outbox.poll=100ms",
        "earshot.admin-password=" + IncidentsTest.PASSWORD,
        "earshot.incidents.per-account-per-minute=10"})
class IncidentsTest {

    static final String ADMIN = "incidents-admin-token";
    static final String PASSWORD = "incidents-desk-password";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    Http http;
    String run;
    Instant now;
    String lead;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "r" + System.nanoTime() + "x" + SEQ.incrementAndGet();
        now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
        lead = token("lead");
        advance(Duration.ofSeconds(61)); // what earlier tests sent is out of the per-minute window
    }

    String token(String role) {
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", "Lee " + run, "email", run + role + "@example.com", "role", role), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("token").asString();
    }

    /** A customer's message; answers its conversation's id. */
    String say(String channel, String handle, String text) {
        return say(channel, handle, text, null);
    }

    /** A customer's message answering ours ({@code inReplyTo}: its external id); answers its conversation's id. */
    String say(String channel, String handle, String text, String inReplyTo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        m.put("externalId", run + "-" + SEQ.incrementAndGet());
        m.put("direction", "inbound");
        m.put("author", Map.of("handle", handle, "name", "Name " + handle));
        m.put("text", text);
        m.put("createdAt", now.toString());
        if (inReplyTo != null) {
            m.put("inReplyTo", inReplyTo);
        }
        Http.Answer a = http.post("/api/v1/messages", m, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        JsonNode r = a.get("results").get(0);
        assertThat(r.get("status").asString()).as(a.raw()).isEqualTo("created");
        return r.get("conversationId").asString();
    }

    void advance(Duration d) {
        now = now.plus(d);
        Http.Answer a = http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
    }

    void eventually(String what, BooleanSupplier done) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waiting for " + what + "; timers: " + jdbc.queryForList("select task_name, task_instance, "
                        + "execution_time, picked from scheduled_tasks where task_name like 'incident%'") + "; deliveries: "
                        + jdbc.queryForList("select status, count(*), min(error) from incident_delivery group by status"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    JsonNode incident(String id) {
        Http.Answer a = http.get("/api/v1/incidents/" + id, lead);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.body();
    }

    JsonNode update(String incidentId, String updateId) {
        for (JsonNode u : incident(incidentId).get("updates")) {
            if (u.get("id").asString().equals(updateId)) {
                return u;
            }
        }
        throw new AssertionError("no update " + updateId);
    }

    int reachedTotal(JsonNode update) {
        int n = 0;
        for (var e : update.get("reached").properties()) {
            n += e.getValue().asInt();
        }
        return n;
    }

    /** The conversation's outbound messages whose text starts with {@code prefix}. */
    List<String> outbound(String conversationId, String prefix) {
        Http.Answer a = http.get("/api/v1/conversations/" + conversationId, lead);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode m : a.get("messages")) {
            if ("outbound".equals(m.get("direction").asString()) && m.get("text").asString().startsWith(prefix)) {
                out.add(m.get("text").asString());
            }
        }
        return out;
    }

    String status(String conversationId) {
        return http.get("/api/v1/conversations/" + conversationId, lead).get("status").asString();
    }

    String open(Map<String, Object> body) {
        Http.Answer a = http.post("/api/v1/incidents", body, lead);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        assertThat(a.get("status").asString()).isEqualTo("open");
        assertThat(a.get("createdAt").isNull()).isFalse();
        return a.get("id").asString();
    }

    String post(String incidentId, String what, String text, String key) {
        Http.Answer a = key == null ? http.post("/api/v1/incidents/" + incidentId + "/" + what, Map.of("text", text), lead)
                : http.post("/api/v1/incidents/" + incidentId + "/" + what, Map.of("text", text), lead, "Idempotency-Key", key);
        assertThat(a.status()).as(a.raw()).isIn(200, 201);
        return a.get("id").asString();
    }

    @Test
    void anUpdateReachesFiftyCustomersOnThreeChannelsOnceEachPacedAndTheFixResolvesThemAll() {
        Map<String, String> handles = new LinkedHashMap<>();
        String[] channels = {"twitter", "facebook", "instagram"};
        int[] counts = {20, 15, 15};
        for (int c = 0; c < channels.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                String handle = run + channels[c] + i;
                handles.put(say(channels[c], handle, "The glorpix app crashes at login again " + run), handle);
            }
        }
        List<String> ids = new ArrayList<>(handles.keySet());
        String incident = open(Map.of("title", "Login crashes " + run, "conversationIds", ids));
        JsonNode opened = incident(incident);
        assertThat(opened.get("size").asInt()).isEqualTo(50);
        assertThat(opened.get("conversations").get(0).get("similarity").asDouble()).isGreaterThan(0.5);

        String text = "Hi {{name}}, engineers are on it " + run;
        String first = post(incident, "updates", text, "key-" + run);
        assertThat(post(incident, "updates", text, "key-" + run)).as("the same request again").isEqualTo(first);
        assertThat(post(incident, "updates", text, null)).as("the same text again at once").isEqualTo(first);

        // at most 10 a minute per channel: the first batch tells 30, the rest wait for the clock
        eventually("the first batch", () -> update(incident, first).get("queued").asInt() == 20);
        JsonNode batch = update(incident, first);
        assertThat(batch.get("reached").get("twitter").asInt()).isEqualTo(10);
        assertThat(batch.get("reached").get("facebook").asInt()).isEqualTo(10);
        advance(Duration.ofSeconds(61));
        eventually("every customer told", () -> update(incident, first).get("queued").asInt() == 0);
        JsonNode told = update(incident, first);
        assertThat(told.get("reached").get("twitter").asInt()).isEqualTo(20);
        assertThat(told.get("reached").get("facebook").asInt()).isEqualTo(15);
        assertThat(told.get("reached").get("instagram").asInt()).isEqualTo(15);
        assertThat(told.get("skipped").asInt()).isZero();
        advance(Duration.ofMinutes(3)); // timers fired again change nothing
        for (Map.Entry<String, String> e : handles.entrySet()) {
            assertThat(outbound(e.getKey(), "Hi ")).as("the update, once, personalised")
                    .containsExactly("Hi Name " + e.getValue() + ", engineers are on it " + run);
        }
        assertThat(http.get("/api/v1/incidents/" + incident + "/deliveries?limit=1000", lead).get("items")).hasSize(50);

        String fix = post(incident, "resolve", "Fixed, {{name}}: update the app " + run, null);
        assertThat(incident(incident).get("status").asString()).isEqualTo("resolved");
        eventually("the fix to everyone", () -> update(incident, fix).get("queued").asInt() == 0
                || advanceAndFalse());
        assertThat(reachedTotal(update(incident, fix))).isEqualTo(50);
        for (Map.Entry<String, String> e : handles.entrySet()) {
            assertThat(outbound(e.getKey(), "Fixed, ")).containsExactly("Fixed, Name " + e.getValue() + ": update the app " + run);
            assertThat(status(e.getKey())).isEqualTo("resolved");
        }
        assertThat(reachedTotal(update(incident, first))).as("the update still once each").isEqualTo(50);

        // a customer who answers reopens their case
        String back = ids.get(0);
        String fixMessage = null;
        for (JsonNode m : http.get("/api/v1/conversations/" + back, lead).get("messages")) {
            if (m.get("text").asString().startsWith("Fixed, ")) {
                fixMessage = m.get("externalId").asString();
            }
        }
        assertThat(say("twitter", handles.get(back), "@brand still crashing for me " + run, fixMessage)).isEqualTo(back);
        assertThat(status(back)).isEqualTo("open");
    }

    private boolean advanceAndFalse() {
        advance(Duration.ofSeconds(61));
        return false;
    }

    @Test
    void aConversationThatJoinsLaterGetsTheLatestUpdateAndOneTakenOutHearsNoMore() {
        String topic = http.post("/api/v1/topics", Map.of("name", "Blorf " + run, "query", "blorf" + run), lead).get("id").asString();
        String a = say("twitter", run + "a", "blorf" + run + " is down for me");
        String b = say("twitter", run + "b", "blorf" + run + " is down here too");
        String incident = open(Map.of("title", "Blorf down " + run, "topicId", topic));
        JsonNode opened = incident(incident);
        assertThat(opened.get("topicId").asString()).isEqualTo(topic);
        assertThat(opened.get("size").asInt()).as(opened.toString()).isEqualTo(2);

        Http.Answer removed = http.delete("/api/v1/incidents/" + incident + "/conversations/" + b, lead);
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        assertThat(removed.get("size").asInt()).isEqualTo(1);

        post(incident, "updates", "Old news " + run, null);
        String latest = post(incident, "updates", "Latest news " + run, null);
        eventually("a told", () -> outbound(a, "Latest news").size() == 1);
        assertThat(outbound(b, "Latest news")).as("taken out").isEmpty();

        // added by a lead: the latest update, not the old one
        String c = say("facebook", run + "c", "my account page is blank");
        Http.Answer added = http.post("/api/v1/incidents/" + incident + "/conversations", Map.of("conversationIds", List.of(c)), lead);
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        eventually("c told", () -> outbound(c, "Latest news").size() == 1);
        assertThat(outbound(c, "Old news")).isEmpty();

        // a new match of the topic, found by the sweep
        String d = say("instagram", run + "d", "blorf" + run + " keeps failing");
        advance(Duration.ofMinutes(2));
        eventually("d told", () -> outbound(d, "Latest news").size() == 1);
        assertThat(outbound(d, "Old news")).isEmpty();
        assertThat(outbound(b, "Latest news")).as("the sweep does not bring back one taken out").isEmpty();
        assertThat(update(incident, latest).get("reached").get("twitter").asInt()).isEqualTo(1);
        assertThat(reachedTotal(update(incident, latest))).isEqualTo(3);
        assertThat(incident(incident).get("conversations")).extracting(m -> m.get("conversationId").asString())
                .containsExactlyInAnyOrder(a, c, d);

        // quiet: after a look that finds no one the sweep stops (a month on the clock would otherwise fire it 43,200 times)
        advance(Duration.ofMinutes(2));
        eventually("the sweep to stop while nothing comes", () -> sweepDue(incident) == null);
        advance(Duration.ofDays(30));
        assertThat(sweepDue(incident)).as("nothing heard in the month").isNull();
        // a message heard later arms it again
        String e = say("twitter", run + "e", "blorf" + run + " still broken a month on");
        assertThat(sweepDue(incident)).as("armed by the message").isNotNull();
        advance(Duration.ofMinutes(2));
        eventually("e told", () -> outbound(e, "Latest news").size() == 1);
        assertThat(reachedTotal(update(incident, latest))).isEqualTo(4);
    }

    /** When the incident's sweep is due, or null when none waits. */
    java.sql.Timestamp sweepDue(String incident) {
        return jdbc.queryForList("select execution_time from scheduled_tasks where task_name = 'incident-sweep' and task_instance = ?",
                java.sql.Timestamp.class, incident).stream().findFirst().orElse(null);
    }

    @Test
    void aSpikeOfNegativeMessagesOpensOneIncidentAndAVolumeSpikeNone() {
        String topic = http.post("/api/v1/topics", Map.of("name", "Zint " + run, "query", "zint" + run), lead).get("id").asString();
        String a = say("twitter", run + "a", "zint" + run + " charged me twice, awful");
        String b = say("twitter", run + "b", "zint" + run + " charged me twice!!");
        long topicId = Long.parseLong(topic);
        spike(topicId, "volume", List.of(Long.parseLong(a)));
        assertThat(incidentsOf(topic)).as("a volume spike alone").isEmpty();

        spike(topicId, "negative", List.of(Long.parseLong(a)));
        spike(topicId, "negative", List.of(Long.parseLong(b)));
        List<JsonNode> found = incidentsOf(topic);
        assertThat(found).hasSize(1);
        JsonNode opened = incident(found.get(0).get("id").asString());
        assertThat(opened.get("openedBy").asString()).isEqualTo("spike");
        assertThat(opened.get("title").asString()).contains("Zint " + run);
        assertThat(opened.get("conversations")).extracting(m -> m.get("conversationId").asString()).containsExactlyInAnyOrder(a, b);
    }

    void spike(long topicId, String series, List<Long> conversations) {
        tx.executeWithoutResult(s -> events.publishEvent(new SpikeDetected(topicId, "Zint " + run, series, now, 30, 3.0, 10.0,
                "10× the usual", List.of(), conversations, List.of("charged"), now)));
    }

    List<JsonNode> incidentsOf(String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode i : http.get("/api/v1/incidents?limit=200", lead).get("items")) {
            if (topic.equals(i.get("topicId").asString(null))) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void agentsReadLeadsWriteAndErrorsNameWhatIsWrong() {
        String a = say("twitter", run + "a", "nothing loads " + run);
        String incident = open(Map.of("title", "Nothing loads " + run, "conversationIds", List.of(a)));
        String agent = token("agent");
        assertThat(http.get("/api/v1/incidents/" + incident, agent).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/incidents", agent).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/incidents", Map.of("title", "x", "conversationIds", List.of(a)), agent).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/incidents/" + incident + "/updates", Map.of("text", "hi"), agent).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/incidents/" + incident + "/resolve", Map.of("text", "hi"), agent).status()).isEqualTo(403);

        assertThat(http.get("/api/v1/incidents/999999999", lead).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/incidents/nope", lead).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/incidents/999999999/updates", Map.of("text", "hi"), lead).status()).isEqualTo(404);
        Http.Answer unknown = http.post("/api/v1/incidents", Map.of("title", "x", "conversationIds", List.of("999999999")), lead);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("error").get("field").asString()).isEqualTo("conversationIds");
        Http.Answer noTopic = http.post("/api/v1/incidents", Map.of("title", "x", "topicId", "999999999"), lead);
        assertThat(noTopic.status()).isEqualTo(404);
        assertThat(noTopic.get("error").get("field").asString()).isEqualTo("topicId");
        Http.Answer nullId = http.post("/api/v1/incidents", Map.of("title", "x", "conversationIds", java.util.Arrays.asList(a, null)), lead);
        assertThat(nullId.status()).as(nullId.raw()).isEqualTo(400);
        assertThat(nullId.get("error").get("field").asString()).isEqualTo("conversationIds");
        Http.Answer nothing = http.post("/api/v1/incidents", Map.of("title", "x"), lead);
        assertThat(nothing.status()).isEqualTo(400);

        Http.Answer empty = http.post("/api/v1/incidents/" + incident + "/updates", Map.of("text", " "), lead);
        assertThat(empty.status()).as(empty.raw()).isEqualTo(400);
        assertThat(empty.get("error").get("field").asString()).isEqualTo("text");
        Http.Answer noTitle = http.post("/api/v1/incidents", Map.of("conversationIds", List.of(a)), lead);
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.get("error").get("field").asString()).isEqualTo("title");
        Http.Answer emptyFix = http.post("/api/v1/incidents/" + incident + "/resolve", Map.of("text", ""), lead);
        assertThat(emptyFix.status()).isEqualTo(400);
        assertThat(emptyFix.get("error").get("field").asString()).isEqualTo("text");
        assertThat(http.delete("/api/v1/incidents/" + incident + "/conversations/999999999", lead).status()).isEqualTo(404);

        post(incident, "resolve", "All good " + run, null);
        assertThat(http.post("/api/v1/incidents/" + incident + "/updates", Map.of("text", "more"), lead).status()).isEqualTo(409);
    }

    @Test
    void theDeskShowsTheIncidentAndALeadSendsAnUpdateFromIt() throws Exception {
        String a = say("twitter", run + "a", "the quuxly checkout fails " + run);
        String incident = open(Map.of("title", "Checkout fails " + run, "conversationIds", List.of(a)));
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        java.util.regex.Pattern csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        String login = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher t = csrf.matcher(login);
        assertThat(t.find()).isTrue();
        browser.send(form(base + "/login", "email=admin%40earshot.local&password=" + PASSWORD + "&_csrf=" + enc(t.group(1))),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String list = page(browser, base + "/incidents");
        assertThat(list).contains("Checkout fails " + run).contains("id=\"incidents-link\"");
        String page = page(browser, base + "/incidents/" + incident);
        assertThat(page).contains("1 conversations").contains("member-" + a).contains("Remove").contains("Members joined per hour");
        java.util.regex.Matcher f = csrf.matcher(page);
        assertThat(f.find()).as("forms carry the CSRF token").isTrue();
        var sent = browser.send(form(base + "/incidents/" + incident + "/updates", "text=" + enc("Hi {{name}}, on it " + run)
                + "&_csrf=" + enc(f.group(1))), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(302);
        eventually("the desk's update sent", () -> outbound(a, "Hi ").size() == 1);
        assertThat(page(browser, base + "/incidents/" + incident)).contains("Hi {{name}}, on it " + run).contains("twitter 1");
    }

    static java.net.http.HttpRequest form(String url, String body) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String page(java.net.http.HttpClient browser, String url) throws Exception {
        var r = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
