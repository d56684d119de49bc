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
 * seconds, on a real PostgreSQL. The clock of one application only moves forward,
 * so every test starts from wherever the last one left it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=follow",
        "earshot.clock=manual",
        "earshot.admin-token=" + FollowThroughTests.ADMIN,
        "earshot.outbox.poll=100ms",
        "earshot.alerting.webhook-disable-after=2",
        "earshot.alerting.webhook-attempts=4",
        "earshot.alerting.webhook-private-addresses=true", // the receiver listens on this machine
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=3025"})
class FollowThroughTests {

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

    /** A promise typed by hand by {@code owner}, due in two days. */
    String typedPromise(String conversationId, Agent owner, String text) {
        Http.Answer a = http.post("/api/v1/conversations/" + conversationId + "/commitments",
                Map.of("text", text, "dueAt", now.plus(Duration.ofDays(2)).toString(), "kind", "other"), owner.token());
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("id").asString();
    }

    /** The conversation's timeline entries of one kind, oldest first. */
    List<JsonNode> timeline(String conversationId, String kind) {
        List<JsonNode> out = new ArrayList<>();
        conversation(conversationId).get("events").forEach(e -> {
            if (kind.equals(e.get("kind").asString())) {
                out.add(e);
            }
        });
        return out;
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

    /** The open promises on a conversation, oldest first. */
    List<JsonNode> openOn(String conversationId) {
        Http.Answer a = http.get("/api/v1/commitments?state=open&conversationId=" + conversationId, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        a.get("items").forEach(out::add);
        return out;
    }

    /**
     * A second language end to end: a Spanish reply's promise is tracked with its due date; a reply in a language
     * with no promise rules (German) is marked unread on the timeline rather than taken for a reply without promises.
     */
    @Test
    void aSpanishPromiseIsTrackedAndAGermanReplyIsMarkedUnread() {
        Agent agent = agent("agent");
        String spanish = customerWrites("chat", "es", "Me cobraron dos veces la factura del mes pasado");
        JsonNode made = reply(spanish, agent, "¡Lo sentimos mucho! Revisaremos el cargo y te escribiremos en 24 horas.").get("commitments");
        assertThat(made).hasSize(1);
        assertThat(Instant.parse(made.get(0).get("dueAt").asString())).isEqualTo(now.plus(Duration.ofHours(24)));
        JsonNode promise = commitment(made.get(0).get("id").asString());
        assertThat(promise.get("kind").asString()).isEqualTo("update");
        assertThat(promise.get("when").asString()).isEqualTo("en 24 horas");
        assertThat(timeline(spanish, "promises_unread")).isEmpty();

        String german = customerWrites("chat", "de", "Meine Rechnung ist falsch, bitte korrigieren");
        JsonNode none = reply(german, agent, "Das tut uns sehr leid. Wir prüfen das und melden uns morgen bei Ihnen.").get("commitments");
        assertThat(none).isEmpty();
        List<JsonNode> unread = timeline(german, "promises_unread");
        assertThat(unread).hasSize(1);
        assertThat(unread.get(0).get("details").asString()).contains("German", "not tracked");
    }

    /**
     * "We'll update you every 2 hours until it's fixed" is a cadence, not one due date: each update that keeps it owes
     * the next, two hours on; a missed one is broken (and alerted) and the next is still owed; resolving the case ends it.
     */
    @Test
    void aRecurringPromiseOwesAnUpdateEachCadenceUntilTheCaseIsResolved() {
        Agent agent = agent("agent");
        String conversation = customerWrites("chat", "cadence", "Your service has been down all morning");
        JsonNode made = reply(conversation, agent, "So sorry about this! We'll update you every 2 hours until it's fixed.")
                .get("commitments").get(0);
        String first = made.get("id").asString();
        assertThat(Instant.parse(made.get("dueAt").asString())).isEqualTo(now.plus(Duration.ofHours(2)));
        assertThat(commitment(first).get("cadence").asLong()).isEqualTo(7200);
        assertThat(commitment(first).get("when").asString()).isEqualTo("every 2 hours");

        advance(Duration.ofHours(1));
        Instant keptAt = now;
        reply(conversation, agent, "Update: our engineers found the fault and are replacing a router.");
        assertThat(commitment(first).get("state").asString()).isEqualTo("kept");
        List<JsonNode> open = openOn(conversation);
        assertThat(open).hasSize(1);
        JsonNode second = open.get(0);
        assertThat(second.get("source").asString()).isEqualTo("cadence");
        assertThat(second.get("kind").asString()).isEqualTo("update");
        assertThat(Instant.parse(second.get("dueAt").asString())).isEqualTo(keptAt.plus(Duration.ofHours(2)));

        advance(Duration.ofHours(2).plusMinutes(1)); // no update this time
        assertThat(commitment(second.get("id").asString()).get("state").asString()).isEqualTo("broken");
        assertThat(alerts(conversation, "commitment_broken")).hasSize(1);
        open = openOn(conversation);
        assertThat(open).hasSize(1);
        String third = open.get(0).get("id").asString();
        assertThat(Instant.parse(open.get(0).get("dueAt").asString()))
                .isEqualTo(Instant.parse(second.get("dueAt").asString()).plus(Duration.ofHours(2)));

        Http.Answer resolved = http.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"), agent.token());
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
        assertThat(commitment(third).get("state").asString()).isEqualTo("kept");
        assertThat(commitment(third).get("keptBy").asString()).isEqualTo(agent.id());
        assertThat(openOn(conversation)).isEmpty();
        advance(Duration.ofHours(6));
        assertThat(openOn(conversation)).isEmpty();
        assertThat(alerts(conversation, "commitment_broken")).hasSize(1);
    }

    /**
     * One door for replies: a promise made in the desk's reply is kept by a company reply that came in through
     * ingest (sent from another tool), and the timeline says so for that reply too.
     */
    @Test
    void aReplyFromAnotherToolKeepsAPromiseMadeInEarshot() {
        Agent agent = agent("agent");
        String conversation = customerWrites("chat", "other-tool", "My parcel never arrived");
        String customerMessage = conversation(conversation).get("messages").get(0).get("externalId").asString();
        JsonNode first = reply(conversation, agent, "I'm sorry! I'll check with the courier and update you within 24 hours.");
        assertThat(first.get("commitments")).as(first.toString()).hasSize(1);
        String promise = first.get("commitments").get(0).get("id").asString();
        advance(Duration.ofHours(3));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", "chat");
        m.put("externalId", run + "-out-" + SEQ.incrementAndGet());
        m.put("direction", "outbound");
        m.put("author", Map.of("handle", "helpdesk-bot"));
        m.put("text", "Update: the courier found your parcel, it arrives tomorrow.");
        m.put("createdAt", now.toString());
        m.put("inReplyTo", customerMessage);
        Http.Answer a = http.post("/api/v1/messages", m, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        assertThat(a.get("results").get(0).get("conversationId").asString()).as(a.raw()).isEqualTo(conversation);
        assertThat(commitment(promise).get("state").asString()).isEqualTo("kept");
        assertThat(timeline(conversation, "commitment_kept")).singleElement()
                .satisfies(e -> assertThat(e.get("details").asString()).contains("helpdesk-bot").contains("check with the courier"));
    }

    // ---- who may keep a promise, and who did what ----------------------------------------------------------

    /** A colleague cannot mark another agent's promise kept: 403 naming whose it is, and the promise stays open. */
    @Test
    void onlyTheOwnerOrALeadMarksAPromiseKept() {
        Agent owner = agent("agent");
        Agent colleague = agent("agent");
        Agent lead = agent("lead");
        String conversation = customerWrites("chat", "refund", "I returned the shoes two weeks ago, where is my money?");
        String refund = typedPromise(conversation, owner, "Refund the shoes");
        String callback = typedPromise(conversation, owner, "Call back about the refund");

        Http.Answer refused = http.post("/api/v1/commitments/" + refund + "/kept", Map.of(), colleague.token());
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.get("error").get("code").asString()).isEqualTo("forbidden");
        assertThat(refused.get("error").get("message").asString())
                .contains("agent " + owner.id()).contains("only").contains("a lead or an admin may mark it kept");
        JsonNode still = commitment(refund);
        assertThat(still.get("state").asString()).isEqualTo("open");
        assertThat(still.get("keptAt").isNull()).isTrue();
        assertThat(still.get("keptBy").isNull()).isTrue();
        assertThat(timeline(conversation, "commitment_kept")).isEmpty();

        advance(Duration.ofMinutes(10));
        Http.Answer byOwner = http.post("/api/v1/commitments/" + refund + "/kept", Map.of(), owner.token());
        assertThat(byOwner.status()).as(byOwner.raw()).isEqualTo(200);
        assertThat(byOwner.get("state").asString()).isEqualTo("kept");
        assertThat(byOwner.get("keptBy").asString()).isEqualTo(owner.id());
        JsonNode kept = commitment(refund);
        assertThat(kept.get("keptBy").asString()).isEqualTo(owner.id());
        assertThat(kept.get("keptByName").asString()).isEqualTo("agent " + run);
        assertThat(Instant.parse(kept.get("keptAt").asString())).isEqualTo(now);
        Instant ownerKeptAt = now;

        advance(Duration.ofMinutes(10));
        Http.Answer byLead = http.post("/api/v1/commitments/" + callback + "/kept", Map.of(), lead.token());
        assertThat(byLead.status()).as(byLead.raw()).isEqualTo(200);
        assertThat(byLead.get("keptBy").asString()).isEqualTo(lead.id());
        assertThat(byLead.get("keptByName").asString()).isEqualTo("lead " + run);
        assertThat(http.post("/api/v1/commitments/" + callback + "/kept", Map.of(), colleague.token()).status())
                .as("still the owner's, kept or not").isEqualTo(403);
        assertThat(http.get("/api/v1/commitments?state=kept&conversationId=" + conversation, ADMIN).get("items"))
                .extracting(c -> c.get("keptBy").asString()).containsExactlyInAnyOrder(owner.id(), lead.id());

        List<JsonNode> events = timeline(conversation, "commitment_kept");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("agentId").asString()).isEqualTo(owner.id());
        assertThat(events.get(0).get("actor").asString()).isEqualTo(owner.email());
        assertThat(events.get(0).get("details").asString()).isEqualTo("agent " + run + " marked the promise kept: “Refund the shoes”");
        assertThat(Instant.parse(events.get(0).get("at").asString())).isEqualTo(ownerKeptAt);
        assertThat(events.get(1).get("agentId").asString()).isEqualTo(lead.id());
        assertThat(events.get(1).get("details").asString()).startsWith("lead " + run + " marked the promise kept");
    }

    /** The timeline names the agent behind each change: assignment, status, a promise typed, kept by hand or by a reply. */
    @Test
    void theTimelineNamesTheAgentWhoChangedTheConversation() {
        Agent agent = agent("agent");
        Agent lead = agent("lead");
        String conversation = customerWrites("email", "timeline", "My invoice is wrong, please correct it.");
        Http.Answer assigned = http.post("/api/v1/conversations/" + conversation + "/assign", Map.of("agentId", agent.id()), lead.token());
        assertThat(assigned.status()).as(assigned.raw()).isEqualTo(200);
        JsonNode promised = reply(conversation, agent, "Sorry about that! I'll get back to you within 24 hours.").get("commitments").get(0);
        String update = promised.get("id").asString();
        advance(Duration.ofHours(2));
        reply(conversation, agent, "Update: billing is correcting the invoice now.");
        String fix = typedPromise(conversation, agent, "Send the corrected invoice");
        assertThat(http.post("/api/v1/commitments/" + fix + "/kept", Map.of(), agent.token()).status()).isEqualTo(200);
        Http.Answer pending = http.post("/api/v1/conversations/" + conversation + "/status",
                Map.of("status", "pending", "note", "waiting for the customer"), agent.token());
        assertThat(pending.status()).as(pending.raw()).isEqualTo(200);

        JsonNode assignedEvent = timeline(conversation, "assigned").get(0);
        assertThat(assignedEvent.get("agentId").asString()).isEqualTo(lead.id());
        assertThat(assignedEvent.get("agentName").asString()).isEqualTo("lead " + run);
        assertThat(assignedEvent.get("actor").asString()).isEqualTo(lead.email());
        JsonNode statusEvent = timeline(conversation, "status_changed").get(0);
        assertThat(statusEvent.get("agentId").asString()).isEqualTo(agent.id());
        assertThat(statusEvent.get("details").asString()).isEqualTo("open -> pending: waiting for the customer");
        assertThat(timeline(conversation, "reply_sent")).hasSize(2).allSatisfy(e -> assertThat(e.get("agentId").asString()).isEqualTo(agent.id()));
        JsonNode made = timeline(conversation, "commitment_made").get(0);
        assertThat(made.get("agentId").asString()).isEqualTo(agent.id());
        assertThat(made.get("details").asString()).startsWith("agent " + run + " promised “Send the corrected invoice”, due ");
        List<JsonNode> kept = timeline(conversation, "commitment_kept");
        assertThat(kept).extracting(e -> e.get("agentId").asString()).containsOnly(agent.id());
        assertThat(kept).extracting(e -> e.get("details").asString()).containsExactly(
                "agent " + run + "'s reply kept the promise “" + promised.get("text").asString() + "”",
                "agent " + run + " marked the promise kept: “Send the corrected invoice”");
        assertThat(commitment(update).get("keptBy").asString()).as("the reply that kept it").isEqualTo(agent.id());
        JsonNode opened = timeline(conversation, "conversation_opened").get(0);
        assertThat(opened.get("agentId").isNull()).as("the customer opened it, not an agent").isTrue();
    }

    /**
     * A promise nobody owns (found in a reply that came in through ingest while nobody was assigned) is any agent's
     * to keep while the conversation is unassigned, and its assignee's (or a lead's) once it is assigned.
     */
    @Test
    void aPromiseNobodyOwnsIsTheAssigneesToKeep() {
        Agent assignee = agent("agent");
        Agent colleague = agent("agent");
        List<String> promises = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String inbound = run + "-owner-less-" + i;
            Map<String, Object> question = new LinkedHashMap<>(Map.of("channel", "twitter", "externalId", inbound, "direction", "inbound",
                    "author", Map.of("handle", run + "nobody" + i), "text", "My phone bill doubled this month!", "createdAt", now.toString()));
            Map<String, Object> answer = new LinkedHashMap<>(Map.of("channel", "twitter", "externalId", inbound + "-answer",
                    "direction", "outbound", "author", Map.of("handle", "BrandCare"), "text", "So sorry! I'll call you back within 2 hours.",
                    "createdAt", now.toString(), "inReplyTo", inbound));
            Http.Answer stored = http.post("/api/v1/messages", List.of(question, answer), ADMIN);
            assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
            String conversation = stored.get("results").get(1).get("conversationId").asString();
            JsonNode found = http.get("/api/v1/commitments?conversationId=" + conversation, ADMIN).get("items");
            assertThat(found).as(stored.raw()).hasSize(1);
            assertThat(found.get(0).get("owner").isNull()).isTrue();
            conversations.add(conversation);
            promises.add(found.get(0).get("id").asString());
        }
        Http.Answer anyone = http.post("/api/v1/commitments/" + promises.get(0) + "/kept", Map.of(), colleague.token());
        assertThat(anyone.status()).as(anyone.raw()).isEqualTo(200);
        assertThat(anyone.get("keptBy").asString()).isEqualTo(colleague.id());

        http.post("/api/v1/conversations/" + conversations.get(1) + "/assign", Map.of("agentId", assignee.id()), ADMIN);
        Http.Answer refused = http.post("/api/v1/commitments/" + promises.get(1) + "/kept", Map.of(), colleague.token());
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.get("error").get("message").asString()).contains("no owner").contains("assigned to").contains("agent " + assignee.id());
        assertThat(commitment(promises.get(1)).get("state").asString()).isEqualTo("open");
        Http.Answer byAssignee = http.post("/api/v1/commitments/" + promises.get(1) + "/kept", Map.of(), assignee.token());
        assertThat(byAssignee.status()).as(byAssignee.raw()).isEqualTo(200);
        assertThat(byAssignee.get("keptBy").asString()).isEqualTo(assignee.id());
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
        JsonNode compliance = http.get("/api/v1/reports/summary?from=" + due.minus(Duration.ofDays(1)) + "&to=" + now, ADMIN)
                .get("sla").get("firstResponse");
        assertThat(compliance.get("breached").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(compliance.get("compliance").asDouble()).isLessThan(1.0);
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

    // ---- webhooks, surveys, bad input -----------------------------------------------------------------------

    /** A receiver that fails twice, then accepts: three signed attempts of one delivery, exactly one accepted. */
    @Test
    void aWebhookThatFailsTwiceThenSucceedsGetsExactlyOneAcceptedDelivery() throws Exception {
        String secret = "s3cret-" + run;
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n <= 2 ? 500 : 204)) {
            Http.Answer hook = http.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", List.of("sla_breach"), "secret", secret), ADMIN);
            assertThat(hook.status()).as(hook.raw()).isEqualTo(201);
            assertThat(hook.raw()).doesNotContain(secret);
            String hookId = hook.get("id").asString();
            String conversation = customerWrites("twitter", "waiting", "Nobody answers me. This is awful service, I want to cancel.");
            Instant due = Instant.parse(conversation(conversation).get("sla").get("firstResponseDue").asString());
            advanceTo(due.plusSeconds(1));
            String alertId = alerts(conversation, "sla_breach").get(0).get("id").asString();
            advance(Duration.ofMinutes(10)); // the retries wait 30 s, then 60 s
            List<WebhookReceiver.Received> mine = receiver.received().stream().filter(r -> r.body().contains("\"id\":\"" + alertId + "\"")).toList();
            assertThat(mine).extracting(WebhookReceiver.Received::answeredWith).containsExactly(500, 500, 204);
            assertThat(mine).extracting(WebhookReceiver.Received::delivery).containsOnly(mine.get(0).delivery());
            for (WebhookReceiver.Received r : mine) {
                assertThat(r.event()).isEqualTo("sla_breach");
                assertThat(r.signature()).isEqualTo("sha256=" + hmac(secret, r.timestamp() + "." + r.body()));
            }
            JsonNode log = http.get("/api/v1/webhooks/" + hookId, ADMIN).body();
            JsonNode delivery = null;
            for (JsonNode d : log.get("deliveries")) {
                if (d.get("alertId").asString().equals(alertId)) {
                    delivery = d;
                }
            }
            assertThat(delivery).isNotNull();
            assertThat(delivery.get("status").asString()).isEqualTo("delivered");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
            assertThat(delivery.get("log")).extracting(a -> a.get("statusCode").asInt()).containsExactly(500, 500, 204);
            assertThat(log.get("webhook").get("active").asBoolean()).isTrue();
            advance(Duration.ofHours(2));
            assertThat(receiver.received().stream().filter(r -> r.body().contains("\"id\":\"" + alertId + "\""))).hasSize(3);
            assertThat(http.delete("/api/v1/webhooks/" + hookId, ADMIN).status()).isEqualTo(204);
        }
    }

    /** A receiver that always fails is disabled after the configured failures in a row, with the reason shown. */
    @Test
    void aWebhookThatKeepsFailingIsDisabledWithAReason() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 503)) {
            String hookId = http.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", List.of("*"),
                    "secret", "another-long-secret"), ADMIN).get("id").asString();
            String conversation = customerWrites("twitter", "ignored", "Still waiting for an answer, terrible support, I am angry.");
            Instant due = Instant.parse(conversation(conversation).get("sla").get("firstResponseDue").asString());
            advanceTo(due.plusSeconds(1));
            advance(Duration.ofHours(1));
            if (http.get("/api/v1/webhooks/" + hookId, ADMIN).get("webhook").get("active").asBoolean()) {
                String second = customerWrites("twitter", "ignored2", "Hello?? Still no answer, this is a disgrace.");
                advanceTo(Instant.parse(conversation(second).get("sla").get("firstResponseDue").asString()).plus(Duration.ofHours(1)));
            }
            JsonNode hook = http.get("/api/v1/webhooks/" + hookId, ADMIN).get("webhook");
            assertThat(hook.get("active").asBoolean()).isFalse();
            assertThat(hook.get("disabledReason").asString()).contains("2 deliveries in a row failed all 4 attempts").contains("HTTP 503");
            int calls = receiver.received().size();
            advance(Duration.ofHours(3));
            assertThat(receiver.received()).hasSize(calls); // nothing more goes to a disabled webhook
            assertThat(http.post("/api/v1/webhooks/" + hookId + "/enable", Map.of(), ADMIN).get("active").asBoolean()).isTrue();
            http.delete("/api/v1/webhooks/" + hookId, ADMIN);
        }
    }

    /** A resolved conversation sends a survey link through its channel; the customer's score attaches to it. */
    @Test
    void aResolvedConversationAsksForSatisfactionAndTheAnswerAttaches() {
        Agent agent = agent("agent");
        Instant start = now;
        String conversation = customerWrites("chat", "happy", "How do I reset my password?");
        http.post("/api/v1/conversations/" + conversation + "/assign", Map.of("agentId", agent.id()), agent.token());
        reply(conversation, agent, "Hi! Use the 'Forgot password' link on the sign-in page and follow the email.");
        assertThat(http.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"), agent.token()).status())
                .isEqualTo(200);
        advance(Duration.ofMinutes(11));
        JsonNode survey = null;
        for (JsonNode m : conversation(conversation).get("messages")) {
            if (m.get("text").asString().contains("/csat/")) {
                survey = m;
            }
        }
        assertThat(survey).as("a survey message went out").isNotNull();
        assertThat(survey.get("direction").asString()).isEqualTo("outbound");
        String text = survey.get("text").asString();
        String token = text.substring(text.indexOf("/csat/") + 6).trim();
        Http.Answer page = http.get("/csat/" + token, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("How did we do?").contains("name=\"rating\"");
        Http.Answer answered = http.postRaw("/csat/" + token, "rating=4&comment=" + java.net.URLEncoder.encode(
                "<script>alert(1)</script> quick and kind", StandardCharsets.UTF_8), "application/x-www-form-urlencoded", null);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.raw()).contains("Thank you").doesNotContain("<script>alert(1)</script>");
        Http.Answer bad = http.postRaw("/csat/" + token, "rating=9", "application/x-www-form-urlencoded", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("rating must be a whole number from 1 to 5");
        Http.Answer again = http.postRaw("/csat/" + token, "rating=1", "application/x-www-form-urlencoded", null);
        assertThat(again.raw()).contains("You gave us <strong>4</strong>"); // the first answer stands
        assertThat(survey.get("privateMessage").asBoolean()).as("the link goes privately, not in public").isTrue();
        assertThat(http.get("/csat/" + "0".repeat(32), null).status()).isEqualTo(404);
        JsonNode timeline = conversation(conversation).get("events");
        assertThat(timeline).anySatisfy(e -> assertThat(e.get("kind").asString()).isEqualTo("csat_answered"));
        JsonNode csat = agentReport(agent, start, now.plusSeconds(1)).get("csat");
        assertThat(csat.get("responses").asLong()).isEqualTo(1);
        assertThat(csat.get("average").asDouble()).isEqualTo(4.0);
    }

    /** Bad input is refused with the field named; roles are enforced. */
    @Test
    void badFollowThroughInputIsRefusedNamingTheField() {
        Agent agent = agent("agent");
        String conversation = customerWrites("chat", "input", "Hello?");
        Http.Answer past = http.post("/api/v1/conversations/" + conversation + "/commitments",
                Map.of("text", "Call back", "dueAt", now.minusSeconds(60).toString()), agent.token());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.get("error").get("field").asString()).isEqualTo("dueAt");
        Http.Answer kind = http.post("/api/v1/conversations/" + conversation + "/commitments",
                Map.of("text", "Call back", "dueAt", now.plusSeconds(600).toString(), "kind", "teleport"), agent.token());
        assertThat(kind.get("error").get("field").asString()).isEqualTo("kind");
        assertThat(http.post("/api/v1/conversations/999999999/commitments",
                Map.of("text", "x", "dueAt", now.plusSeconds(600).toString()), agent.token()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/commitments?state=late", agent.token()).get("error").get("field").asString()).isEqualTo("state");
        assertThat(http.get("/api/v1/alerts?kind=fire", agent.token()).get("error").get("field").asString()).isEqualTo("kind");
        assertThat(http.get("/api/v1/alerts?since=yesterday", agent.token()).get("error").get("field").asString()).isEqualTo("since");
        assertThat(http.post("/api/v1/webhooks", Map.of("url", "http://x.example/h", "events", List.of("*"), "secret", "long-enough-secret"),
                agent.token()).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/webhooks", Map.of("url", "ftp://x.example/h", "events", List.of("*"), "secret", "long-enough-secret"),
                ADMIN).get("error").get("field").asString()).isEqualTo("url");
        assertThat(http.post("/api/v1/webhooks", Map.of("url", "http://x.example/h", "events", List.of("party"), "secret", "long-enough-secret"),
                ADMIN).get("error").get("field").asString()).isEqualTo("events");
        assertThat(http.post("/api/v1/webhooks", Map.of("url", "http://x.example/h", "events", List.of("*"), "secret", "short"),
                ADMIN).get("error").get("field").asString()).isEqualTo("secret");
        assertThat(http.post("/api/v1/teams", Map.of("name", "Bad " + run, "timeZone", "Mars/Olympus"), ADMIN)
                .get("error").get("field").asString()).isEqualTo("timeZone");
        assertThat(http.post("/api/v1/teams", Map.of("name", "Bad " + run, "hours", "weekdays nine to five"), ADMIN)
                .get("error").get("field").asString()).isEqualTo("hours");
        assertThat(http.post("/api/v1/sla-policies", Map.of("name", "x", "firstResponse", "soon", "updateCadence", "1d", "resolution", "3d"),
                ADMIN).get("error").get("field").asString()).isEqualTo("firstResponse");
        assertThat(http.post("/api/v1/sla-policies", Map.of("name", "x", "firstResponse", "1h", "updateCadence", "1d", "resolution", "3d"),
                agent.token()).status()).isEqualTo(403);
        String promise = reply(conversation, agent, "I'll call you back within 2 hours.").get("commitments").get(0).get("id").asString();
        advance(Duration.ofHours(3));
        Http.Answer late = http.post("/api/v1/commitments/" + promise + "/kept", Map.of(), agent.token());
        assertThat(late.status()).isEqualTo(409);
        assertThat(http.post("/api/v1/commitments/" + promise + "/send-update", Map.of(), agent.token()).status()).isEqualTo(201);
    }

    /** A lead adds a policy for a team; a conversation assigned to the team's agent gets its deadlines. */
    @Test
    void aTeamPolicyAppliesToItsAgentsConversations() {
        Agent agent = agent("agent");
        String team = http.post("/api/v1/teams", Map.of("name", "VIP " + run), ADMIN).get("id").asString();
        http.post("/api/v1/agents/" + agent.id() + "/team", Map.of("teamId", team), ADMIN);
        Http.Answer policy = http.post("/api/v1/sla-policies", Map.of("name", "VIP " + run, "position", 1, "teamId", team,
                "firstResponse", "5m", "updateCadence", "2h", "resolution", "1d", "businessHours", false), agent("lead").token());
        assertThat(policy.status()).as(policy.raw()).isEqualTo(201);
        String conversation = customerWrites("email", "vip", "A question about my invoice.");
        Instant created = now;
        http.post("/api/v1/conversations/" + conversation + "/assign", Map.of("agentId", agent.id()), agent.token());
        JsonNode sla = conversation(conversation).get("sla");
        assertThat(sla.get("policy").asString()).isEqualTo("VIP " + run);
        assertThat(Instant.parse(sla.get("firstResponseDue").asString())).isEqualTo(created.plus(Duration.ofMinutes(5)));
        assertThat(http.delete("/api/v1/sla-policies/" + policy.get("id").asString(), ADMIN).status()).isEqualTo(204);
    }

    /** A resolved conversation that reopens weeks later does not raise the alerts of the weeks it was closed. */
    @Test
    void reopeningAfterWeeksRaisesNoBurstOfOldAlerts() {
        Agent agent = agent("agent");
        String conversation = customerWrites("twitter", "returning", "My order is late and I am annoyed.");
        advance(Duration.ofMinutes(5));
        reply(conversation, agent, "Sorry about that, it ships today.");
        advance(Duration.ofMinutes(10));
        assertThat(http.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"), agent.token()).status())
                .isEqualTo(200);
        advance(Duration.ofDays(30));
        assertThat(http.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "open", "note", "customer called"),
                agent.token()).status()).isEqualTo(200);
        advance(Duration.ofMinutes(1));
        assertThat(alerts(conversation, "silent_customer")).isEmpty();
        assertThat(alerts(conversation, "sla_breach")).isEmpty();
        JsonNode sla = conversation(conversation).get("sla");
        assertThat(Instant.parse(sla.get("resolutionDue").asString())).isAfter(now);
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
