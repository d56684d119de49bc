package io.earshot.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.earshot.Http;
import io.earshot.WebhookReceiver;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Follow-through over the public API with the manual clock: weeks of promises, silences and SLA clocks in
 * seconds. Runs on H2 and on PostgreSQL (see the subclasses). The clock of one application only moves forward,
 * so every test starts from wherever the last one left it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.clock=manual",
        "earshot.admin-token=" + FollowThroughTests.ADMIN,
        "earshot.outbox.poll=100ms",
        "earshot.alerting.webhook-disable-after=3",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=3025"})
abstract class FollowThroughTests {

    static final String ADMIN = "admin-follow-token";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @LocalServerPort
    int port;

    Http http;
    String run;
    Instant now;

    record Agent(String id, String token, String email) {
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "f" + System.nanoTime() + "-" + SEQ.incrementAndGet();
        now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    Agent agent(String role) {
        String email = run + "-" + role + SEQ.incrementAndGet() + "@example.com";
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", role + " " + run, "email", email, "role", role), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return new Agent(a.get("id").asString(), a.get("token").asString(), email);
    }

    String customerWrites(String channel, String handle, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        m.put("externalId", run + "-" + SEQ.incrementAndGet());
        m.put("direction", "inbound");
        m.put("author", "email".equals(channel) ? Map.of("handle", run + handle + "@example.com", "email", run + handle + "@example.com")
                : Map.of("handle", run + handle));
        m.put("text", text);
        m.put("createdAt", now.toString());
        Http.Answer a = http.post("/api/v1/messages", m, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        JsonNode r = a.get("results").get(0);
        assertThat(r.get("status").asString()).as(a.raw()).isEqualTo("created");
        return r.get("conversationId").asString();
    }

    JsonNode reply(String conversationId, Agent agent, String text) {
        Http.Answer a = http.post("/api/v1/conversations/" + conversationId + "/replies", Map.of("text", text), agent.token());
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.body();
    }

    Instant advanceTo(Instant target) {
        now = target;
        Http.Answer a = http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return now;
    }

    Instant advance(Duration d) {
        return advanceTo(now.plus(d));
    }

    List<JsonNode> alerts(String conversationId, String kind) {
        Http.Answer a = http.get("/api/v1/alerts?kind=" + kind + "&conversationId=" + conversationId + "&limit=500", ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        a.get("items").forEach(out::add);
        return out;
    }

    JsonNode commitment(String id) {
        Http.Answer a = http.get("/api/v1/commitments/" + id, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.body();
    }

    JsonNode conversation(String id) {
        Http.Answer a = http.get("/api/v1/conversations/" + id, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.body();
    }

    JsonNode agentReport(Agent agent, Instant from, Instant to) {
        Http.Answer a = http.get("/api/v1/reports/agents?from=" + from + "&to=" + to, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        for (JsonNode item : a.get("items")) {
            if (item.get("id").asString().equals(agent.id())) {
                return item;
            }
        }
        throw new AssertionError("no report line for agent " + agent.id() + ": " + a.raw());
    }

    /** The next {@code day} at {@code hour}:00 UTC strictly after now. */
    Instant next(DayOfWeek day, int hour) {
        LocalDate date = now.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.next(day));
        return date.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    // ---- the stories ----------------------------------------------------------------------------------------

    /**
     * Pandora (seed 000): answered on Twitter within minutes with a promise to look into it, then 11 days of
     * nothing. The promise is reminded, then broken after 24 hours; the silence is alerted, escalating, once per
     * level; the report counts the broken promise.
     */
    @Test
    void pandoraAPromiseToLookIntoItThenElevenDaysOfSilence() {
        Agent lead = agent("lead");
        Agent agent = agent("agent");
        String team = http.post("/api/v1/teams", Map.of("name", "Social " + run, "leadId", lead.id()), ADMIN).get("id").asString();
        assertThat(http.post("/api/v1/agents/" + agent.id() + "/team", Map.of("teamId", team), ADMIN).status()).isEqualTo(200);
        Instant start = now;
        String conversation = customerWrites("twitter", "listener",
                "@pandora your ad-free survey is broken and I am really annoyed, this is terrible");
        advance(Duration.ofMinutes(3));
        JsonNode answer = reply(conversation, agent,
                "Thanks for reaching out! We'll look into it and get back to you within 24 hours.");
        assertThat(answer.get("commitments")).hasSize(1);
        JsonNode promise = answer.get("commitments").get(0);
        Instant said = now;
        assertThat(Instant.parse(promise.get("dueAt").asString())).isEqualTo(said.plus(Duration.ofHours(24)));
        assertThat(promise.get("kind").asString()).isEqualTo("update");
        assertThat(promise.get("owner").asString()).isEqualTo(agent.id());
        assertThat(promise.get("state").asString()).isEqualTo("open");
        String id = promise.get("id").asString();

        advanceTo(said.plus(Duration.ofHours(20))); // past 80 % of the window
        List<JsonNode> due = alerts(conversation, "commitment_due");
        assertThat(due).hasSize(1);
        assertThat(due.get(0).get("recipients").get(0).asString()).isEqualTo(agent.id());
        assertThat(http.get("/api/v1/commitments?state=due&owner=" + agent.id(), ADMIN).get("items")).hasSize(1);
        assertThat(commitment(id).get("state").asString()).isEqualTo("open");

        advanceTo(start.plus(Duration.ofDays(11)));
        JsonNode broken = commitment(id);
        assertThat(broken.get("state").asString()).isEqualTo("broken");
        assertThat(broken.get("draftUpdate").asString()).startsWith("We haven't forgotten you");
        List<JsonNode> brokenAlerts = alerts(conversation, "commitment_broken");
        assertThat(brokenAlerts).hasSize(1);
        assertThat(brokenAlerts.get(0).get("recipients")).extracting(JsonNode::asString).containsExactlyInAnyOrder(agent.id(), lead.id());
        assertThat(Instant.parse(brokenAlerts.get(0).get("firedAt").asString())).isEqualTo(said.plus(Duration.ofHours(24)));

        // silence: after 1, 2, 4 and 8 update cadences (24 h for a negative public post), each level once
        List<JsonNode> silent = alerts(conversation, "silent_customer");
        assertThat(silent).extracting(a -> a.get("details").get("level").asInt()).containsExactlyInAnyOrder(4, 3, 2, 1);
        assertThat(silent).extracting(a -> a.get("severity").asString()).containsExactlyInAnyOrder("critical", "critical", "high", "warning");
        JsonNode sla = conversation(conversation).get("sla");
        assertThat(sla.get("breaches")).extracting(b -> b.get("target").asString()).contains("nextUpdate", "resolution");

        advance(Duration.ofMinutes(1)); // moving on fires nothing twice
        assertThat(alerts(conversation, "silent_customer")).hasSize(4);
        assertThat(alerts(conversation, "commitment_broken")).hasSize(1);
        assertThat(http.get("/api/v1/commitments?state=overdue&owner=" + agent.id(), ADMIN).get("items")).hasSize(1);

        JsonNode report = agentReport(agent, start.minusSeconds(60), now);
        assertThat(report.get("commitments").get("made").asLong()).isEqualTo(1);
        assertThat(report.get("commitments").get("broken").asLong()).isEqualTo(1);
        assertThat(report.get("commitments").get("kept").asLong()).isZero();
        assertThat(report.get("commitments").get("keptRate").asDouble()).isZero();
        assertThat(report.get("team").asString()).isEqualTo("Social " + run);
        JsonNode summary = http.get("/api/v1/reports/summary?from=" + start.minusSeconds(60) + "&to=" + now, ADMIN).body();
        assertThat(summary.get("commitments").get("broken").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(summary.get("silentConversations").asLong()).isGreaterThanOrEqualTo(1);

        // the owner and the lead were emailed about the broken promise
        List<String> to = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                if (m.getSubject().contains("commitment broken")) {
                    for (var address : m.getRecipients(Message.RecipientType.TO)) {
                        to.add(address.toString());
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(to).contains(agent.email(), lead.email());
    }

    /**
     * AirBnB (seed 003): on a Thursday the agent promises payment "in a couple of business days": due Monday.
     * Thirteen days later nothing came: broken. With a team calendar that has Friday off, it is due Tuesday.
     */
    @Test
    void airbnbACoupleOfBusinessDaysSaidOnThursdayIsMonday() {
        Agent agent = agent("agent");
        advanceTo(next(DayOfWeek.THURSDAY, 15));
        Instant thursday = now;
        String conversation = customerWrites("email", "host", "My payout for the March booking never arrived. Where is my money?");
        JsonNode answer = reply(conversation, agent,
                "I'm sorry about the wait. The payment will be sent to you in a couple of business days.");
        assertThat(answer.get("commitments")).hasSize(1);
        JsonNode promise = answer.get("commitments").get(0);
        LocalDate monday = thursday.atZone(ZoneOffset.UTC).toLocalDate().plusDays(4);
        assertThat(Instant.parse(promise.get("dueAt").asString())).isEqualTo(monday.atTime(17, 0).toInstant(ZoneOffset.UTC));

        advanceTo(thursday.plus(Duration.ofDays(13)));
        assertThat(commitment(promise.get("id").asString()).get("state").asString()).isEqualTo("broken");
        assertThat(alerts(conversation, "commitment_broken")).hasSize(1);

        // a team in Berlin with that Friday as a holiday: Thursday + 2 business days is Tuesday, 17:00 Berlin
        Agent berliner = agent("agent");
        advanceTo(next(DayOfWeek.THURSDAY, 15));
        LocalDate friday = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        Http.Answer team = http.post("/api/v1/teams", Map.of("name", "Berlin " + run, "timeZone", "Europe/Berlin",
                "hours", "mon-fri 09:00-17:00", "holidays", List.of(friday.toString())), ADMIN);
        assertThat(team.status()).as(team.raw()).isEqualTo(201);
        http.post("/api/v1/agents/" + berliner.id() + "/team", Map.of("teamId", team.get("id").asString()), ADMIN);
        String second = customerWrites("email", "host2", "Still no payout. Please help.");
        JsonNode dated = reply(second, berliner, "Sorry! The payment will be sent to you in a couple of business days.").get("commitments").get(0);
        Instant tuesdayClose = friday.plusDays(4).atTime(17, 0).atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(Instant.parse(dated.get("dueAt").asString())).isEqualTo(tuesdayClose);
    }

    /** An update promise is kept by any reply before it falls due; another kind is marked kept by hand. */
    @Test
    void aKeptPromiseIsCountedAsKept() {
        Agent agent = agent("agent");
        Instant start = now;
        String conversation = customerWrites("chat", "shopper", "I was charged twice for my order");
        JsonNode first = reply(conversation, agent, "So sorry! I'll look into it and get back to you within 24 hours.");
        String update = first.get("commitments").get(0).get("id").asString();
        advance(Duration.ofHours(5));
        reply(conversation, agent, "Update: I found the double charge and asked our billing team to reverse it.");
        JsonNode kept = commitment(update);
        assertThat(kept.get("state").asString()).isEqualTo("kept");
        assertThat(Instant.parse(kept.get("keptAt").asString())).isEqualTo(now);

        Http.Answer typed = http.post("/api/v1/conversations/" + conversation + "/commitments",
                Map.of("text", "Refund the second charge", "dueAt", now.plus(Duration.ofDays(2)).toString(), "kind", "refund"), agent.token());
        assertThat(typed.status()).as(typed.raw()).isEqualTo(201);
        String refund = typed.get("id").asString();
        assertThat(typed.get("source").asString()).isEqualTo("manual");
        advance(Duration.ofHours(30));
        Http.Answer mark = http.post("/api/v1/commitments/" + refund + "/kept", Map.of(), agent.token());
        assertThat(mark.status()).as(mark.raw()).isEqualTo(200);
        assertThat(mark.get("state").asString()).isEqualTo("kept");
        advance(Duration.ofDays(3));
        assertThat(commitment(refund).get("state").asString()).isEqualTo("kept");
        assertThat(alerts(conversation, "commitment_broken")).isEmpty();

        JsonNode report = agentReport(agent, start, now);
        assertThat(report.get("commitments").get("made").asLong()).isEqualTo(2);
        assertThat(report.get("commitments").get("kept").asLong()).isEqualTo(2);
        assertThat(report.get("commitments").get("keptRate").asDouble()).isEqualTo(1.0);
        assertThat(report.get("replies").asLong()).isEqualTo(2);
    }

    /** Nobody answers a public complaint in time: one sla_breach, at the deadline of the policy that applies, recorded. */
    @Test
    void aMissedFirstResponseRaisesAnSlaBreach() {
        String conversation = customerWrites("twitter", "angry", "Your service is down again and I am furious. Worst company ever.");
        JsonNode sla = conversation(conversation).get("sla");
        Instant due = Instant.parse(sla.get("firstResponseDue").asString());
        JsonNode policy = null;
        for (JsonNode p : http.get("/api/v1/sla-policies", ADMIN).get("items")) {
            if (p.get("name").asString().equals(sla.get("policy").asString())) {
                policy = p;
            }
        }
        assertThat(policy).as("policy %s is listed", sla.get("policy")).isNotNull();
        assertThat(policy.get("name").asString()).isIn("Urgent", "Negative public post"); // fast public replies
        assertThat(due).isEqualTo(now.plusSeconds(policy.get("firstResponseSeconds").asLong()));
        assertThat(Duration.between(now, due)).isLessThanOrEqualTo(Duration.ofHours(1));
        advanceTo(due.minusSeconds(1));
        assertThat(alerts(conversation, "sla_breach")).isEmpty();
        advanceTo(due.plusSeconds(1));
        List<JsonNode> breach = alerts(conversation, "sla_breach");
        assertThat(breach).hasSize(1);
        assertThat(breach.get(0).get("details").get("target").asString()).isEqualTo("firstResponse");
        assertThat(Instant.parse(breach.get(0).get("firedAt").asString())).isEqualTo(due);
        JsonNode breaches = conversation(conversation).get("sla").get("breaches");
        assertThat(breaches).anySatisfy(b -> {
            assertThat(b.get("target").asString()).isEqualTo("firstResponse");
            assertThat(b.get("recorded").asBoolean()).isTrue();
        });
    }

    /** Waiting on the customer stops the clocks: the time spent pending moves the first-response deadline as much. */
    @Test
    void pendingPausesTheClocks() {
        Agent agent = agent("agent");
        String conversation = customerWrites("twitter", "asker", "How do I change the email address on my account?");
        Instant due = Instant.parse(conversation(conversation).get("sla").get("firstResponseDue").asString());
        Instant pausedAt = advance(Duration.ofMinutes(30));
        assertThat(http.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "pending"), agent.token()).status())
                .isEqualTo(200);
        assertThat(conversation(conversation).get("sla").get("firstResponseDue").isNull()).isTrue();
        Instant resumedAt = advanceTo(due.plusSeconds(60)); // past the old deadline while paused: no breach
        assertThat(alerts(conversation, "sla_breach")).isEmpty();
        assertThat(http.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "open"), agent.token()).status())
                .isEqualTo(200);
        Instant moved = Instant.parse(conversation(conversation).get("sla").get("firstResponseDue").asString());
        assertThat(moved).isEqualTo(due.plus(Duration.between(pausedAt, resumedAt)));
        advanceTo(moved.minusSeconds(1));
        assertThat(alerts(conversation, "sla_breach")).isEmpty();
        advanceTo(moved.plusSeconds(1));
        assertThat(alerts(conversation, "sla_breach")).hasSize(1);
    }
}
