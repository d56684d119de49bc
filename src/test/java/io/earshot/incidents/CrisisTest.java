package io.earshot.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, crisis mode, through the public API and the desk against a real database with the manual clock: the
 * crisis's conversations go first in the priority order with the crisis as their reason; a survey due during the
 * crisis waits for its end while the incident's own updates still go; the banner on the desk's pages; who started
 * and ended it on each timeline; who may; one crisis at a time; ending twice is a 409.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=crisis",
        "earshot.clock=manual",
        "earshot.admin-token=" + CrisisTest.ADMIN,
        "earshot.timers.poll-interval=100ms",
        "earshot.outbox.poll=100ms",
        "earshot.admin-password=" + CrisisTest.PASSWORD})
class CrisisTest {

    static final String ADMIN = "crisis-admin-token";
    static final String PASSWORD = "crisis-desk-password";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;

    Http http;
    String run;
    Instant now;
    String lead;
    String leadName;
    String leadEmail;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "r" + System.nanoTime() + "x" + SEQ.incrementAndGet();
        now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
        leadName = "Lee " + run;
        leadEmail = run + "lead@example.com";
        lead = agent("lead", leadName, leadEmail, null).get("token").asString();
    }

    /** No crisis outlives its test: one at a time across the desk. */
    @AfterEach
    void endCrisis() {
        JsonNode on = http.get("/api/v1/crisis", lead).get("crisis");
        if (on != null && !on.isNull()) {
            http.delete("/api/v1/incidents/" + on.get("incidentId").asString() + "/crisis", lead);
        }
    }

    JsonNode agent(String role, String name, String email, String password) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "email", email, "role", role));
        if (password != null) {
            body.put("password", password);
        }
        Http.Answer a = http.post("/api/v1/agents", body, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.body();
    }

    String say(String channel, String handle, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        m.put("externalId", run + "-" + SEQ.incrementAndGet());
        m.put("direction", "inbound");
        m.put("author", Map.of("handle", handle, "name", "Name " + handle));
        m.put("text", text);
        m.put("createdAt", now.toString());
        Http.Answer a = http.post("/api/v1/messages", m, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.get("results").get(0).get("conversationId").asString();
    }

    void advance(Duration d) {
        now = now.plus(d);
        Http.Answer a = http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
    }

    String open(String title, List<String> conversationIds) {
        Http.Answer a = http.post("/api/v1/incidents", Map.of("title", title, "conversationIds", conversationIds), lead);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("id").asString();
    }

    Http.Answer start(String incident, Map<String, Object> body, String token) {
        return http.post("/api/v1/incidents/" + incident + "/crisis", body, token);
    }

    JsonNode conversation(String id) {
        Http.Answer a = http.get("/api/v1/conversations/" + id, lead);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.body();
    }

    List<String> surveys(String conversationId) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : conversation(conversationId).get("messages")) {
            if (m.get("text").asString().contains("/csat/")) {
                out.add(m.get("text").asString());
            }
        }
        return out;
    }

    @Test
    void theCrisisConversationsGoFirstAndTheTimelineSaysWhoStartedAndEndedIt() {
        String loud = say("twitter", run + "loud", "Total outage, nothing works, this is terrible and I am furious " + run);
        String a = say("chat", run + "a", "the quux page looks a bit odd " + run);
        String b = say("chat", run + "b", "the quux page looks a bit odd to me too " + run);
        String title = "Quux page " + run;
        String incident = open(title, List.of(a, b));
        String other = open("Other " + run, List.of(loud));
        int loudScore = conversation(loud).get("priority").get("score").asInt();
        assertThat(conversation(a).get("priority").get("score").asInt()).isLessThan(loudScore);

        String agentToken = agent("agent", "Ann " + run, run + "agent@example.com", null).get("token").asString();
        assertThat(start(incident, Map.of(), agentToken).status()).as("an agent may not").isEqualTo(403);
        assertThat(http.get("/api/v1/crisis", agentToken).get("crisis").isNull()).isTrue();

        Http.Answer started = start(incident, Map.of(), lead);
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        assertThat(started.get("crisis").get("startedBy").asString()).isEqualTo(leadEmail);
        assertThat(started.get("crisis").get("startedAt").asString()).isEqualTo(now.toString());
        assertThat(started.get("crisis").get("teamId").isNull()).isTrue();
        assertThat(start(incident, Map.of(), lead).status()).as("starting it again is the crisis that is on").isEqualTo(200);
        Http.Answer second = start(other, Map.of(), lead);
        assertThat(second.status()).as("one crisis at a time: " + second.raw()).isEqualTo(409);
        assertThat(http.get("/api/v1/crisis", agentToken).get("crisis").get("incidentId").asString()).isEqualTo(incident);
        assertThat(http.get("/api/v1/crisis", agentToken).get("crisis").get("conversations").asInt()).isEqualTo(2);

        JsonNode items = http.get("/api/v1/conversations?sort=priority&limit=2", agentToken).get("items");
        assertThat(items).hasSize(2);
        for (JsonNode c : items) {
            assertThat(c.get("id").asString()).isIn(a, b);
            assertThat(c.get("priority").get("reasons").get(0).asString()).isEqualTo("crisis: " + title);
            assertThat(c.get("priority").get("level").asString()).isEqualTo("urgent");
            assertThat(c.get("priority").get("score").asInt()).isGreaterThan(100);
        }

        advance(Duration.ofMinutes(5));
        Http.Answer ended = http.delete("/api/v1/incidents/" + incident + "/crisis", lead);
        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(ended.get("crisis").isNull()).isTrue();
        assertThat(ended.get("crises").get(0).get("endedBy").asString()).isEqualTo(leadEmail);
        assertThat(ended.get("crises").get(0).get("endedAt").asString()).isEqualTo(now.toString());
        Http.Answer again = http.delete("/api/v1/incidents/" + incident + "/crisis", lead);
        assertThat(again.status()).as("ending twice: " + again.raw()).isEqualTo(409);
        assertThat(http.get("/api/v1/crisis", lead).get("crisis").isNull()).isTrue();

        assertThat(conversation(a).get("priority").get("score").asInt()).as("ranked on its own again").isLessThan(loudScore);
        for (String member : List.of(a, b)) {
            JsonNode detail = conversation(member);
            assertThat(detail.get("priority").get("reasons").toString()).doesNotContain("crisis");
            List<String> crisisEvents = new ArrayList<>();
            for (JsonNode e : detail.get("events")) {
                if (e.get("kind").asString().startsWith("crisis_")) {
                    crisisEvents.add(e.get("kind").asString() + " " + e.get("agentName").asString() + " " + e.get("details").asString());
                }
            }
            assertThat(crisisEvents).hasSize(2);
            assertThat(crisisEvents).anySatisfy(s -> assertThat(s).startsWith("crisis_started " + leadName)
                    .contains("started by " + leadName).contains(title));
            assertThat(crisisEvents).anySatisfy(s -> assertThat(s).startsWith("crisis_ended " + leadName)
                    .contains("ended by " + leadName));
        }
        assertThat(conversation(loud).get("events").toString()).doesNotContain("crisis_");
    }

    @Test
    void aSurveyDueDuringTheCrisisWaitsForItsEndWhileTheIncidentsUpdatesStillGo() {
        JsonNode agent = agent("agent", "Ann " + run, run + "agent@example.com", null);
        String token = agent.get("token").asString();
        String helped = say("chat", run + "happy", "How do I change my email address? " + run);
        http.post("/api/v1/conversations/" + helped + "/assign", Map.of("agentId", agent.get("id").asString()), token);
        Http.Answer replied = http.post("/api/v1/conversations/" + helped + "/replies", Map.of("text", "Hi! Settings, then Email."), token);
        assertThat(replied.status()).as(replied.raw()).isIn(200, 201);
        Http.Answer resolved = http.post("/api/v1/conversations/" + helped + "/status", Map.of("status", "resolved"), token);
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);

        String member = say("chat", run + "angry", "the zorp export fails every time " + run);
        String incident = open("Zorp export " + run, List.of(member));
        assertThat(start(incident, Map.of(), lead).status()).isEqualTo(200);

        advance(Duration.ofMinutes(11)); // the survey falls due
        assertThat(surveys(helped)).as("held during the crisis").isEmpty();
        Http.Answer update = http.post("/api/v1/incidents/" + incident + "/updates", Map.of("text", "We are on it " + run), lead);
        assertThat(update.status()).as(update.raw()).isEqualTo(201);
        advance(Duration.ofMinutes(30));
        assertThat(surveys(helped)).as("still held").isEmpty();
        assertThat(conversation(member).get("messages").toString()).as("the crisis's own update went out").contains("We are on it " + run);

        assertThat(http.delete("/api/v1/incidents/" + incident + "/crisis", lead).status()).isEqualTo(200);
        advance(Duration.ofSeconds(61));
        assertThat(surveys(helped)).as("sent once the crisis ended").hasSize(1);
        advance(Duration.ofMinutes(5));
        assertThat(surveys(helped)).as("once").hasSize(1);
    }

    @Test
    void theBannerIsOnTheDeskPagesAndATeamTakesTheUnassignedConversations() throws Exception {
        String password = "crisis password " + run;
        JsonNode desk = agent("agent", "Bea " + run, run + "bea@example.com", password);
        String team = http.post("/api/v1/teams", Map.of("name", "Crisis team " + run), ADMIN).get("id").asString();
        Http.Answer joined = http.post("/api/v1/agents/" + desk.get("id").asString() + "/team", Map.of("teamId", team), ADMIN);
        assertThat(joined.status()).as(joined.raw()).isEqualTo(200);

        String a = say("chat", run + "a", "the flib checkout spins forever " + run);
        String b = say("chat", run + "b", "the flib checkout spins forever for me " + run);
        String title = "Flib checkout " + run;
        String incident = open(title, List.of(a, b));
        http.post("/api/v1/incidents/" + incident + "/updates", Map.of("text", "Engineers are looking " + run), lead);

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;
        String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        assertThat(form).doesNotContain("crisis-banner");
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + URLEncoder.encode(run + "bea@example.com", StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/inbox");
        assertThat(page(browser, base + "/inbox")).doesNotContain("crisis-banner");

        Http.Answer started = start(incident, Map.of("teamId", team), lead);
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        assertThat(started.get("crisis").get("teamId").asString()).isEqualTo(team);
        for (String c : List.of(a, b)) {
            assertThat(conversation(c).get("assignee").get("id").asString()).as("the team's agent takes it").isEqualTo(desk.get("id").asString());
        }

        for (String path : List.of("/inbox", "/incidents", "/dashboard")) {
            String html = page(browser, base + path);
            assertThat(html).as(path).contains("crisis-banner").contains("Crisis: <span>" + title + "</span>")
                    .contains("2 conversations, 2 in the last hour").contains("Engineers are looking " + run)
                    .contains("href=\"/incidents/" + incident + "\"");
        }
        advance(Duration.ofHours(2));
        assertThat(page(browser, base + "/inbox")).contains("2 conversations, 0 in the last hour");

        // resolving the incident ends its crisis
        Http.Answer fix = http.post("/api/v1/incidents/" + incident + "/resolve", Map.of("text", "Fixed " + run), lead);
        assertThat(fix.status()).as(fix.raw()).isEqualTo(200);
        JsonNode after = http.get("/api/v1/incidents/" + incident, lead).body();
        assertThat(after.get("crisis").isNull()).isTrue();
        assertThat(after.get("crises").get(0).get("endedBy").asString()).isEqualTo(leadEmail);
        assertThat(page(browser, base + "/inbox")).doesNotContain("crisis-banner");
    }

    private static String page(HttpClient browser, String url) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
