package io.earshot.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The public API v1, exercised over real HTTP against a real PostgreSQL (a fresh database in the test server).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=api",
        "earshot.search.check-first=2", // so that searches take every way (see ConversationQueries.fetch)
        "earshot.search.rare-below=0",
        "earshot.clock=manual",
        "earshot.admin-token=" + ApiContractTests.ADMIN,
        "earshot.ingest.max-body-size=4MB",
        "earshot.outbox.poll=100ms"})
class ApiContractTests {

    static final String ADMIN = "admin-test-token";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    String run;
    Instant now;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "r" + System.nanoTime() + "-" + SEQ.incrementAndGet();
        now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
    }

    Map<String, Object> item(String channel, String externalId, String direction, String handle, String text, Instant at) {
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("handle", handle);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        m.put("externalId", externalId);
        m.put("direction", direction);
        m.put("author", author);
        m.put("text", text);
        m.put("createdAt", at.toString());
        return m;
    }

    Map<String, Object> inbound(String externalId, String handle, String text) {
        return item("twitter", run + externalId, "inbound", run + handle, text, now);
    }

    JsonNode results(Http.Answer a) {
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.get("results");
    }

    String agentToken(String role) {
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", "Agent " + run, "email", run + role + "@example.com", "role", role), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("token").asString();
    }

    Instant advance(Duration d) {
        now = now.plus(d);
        Http.Answer a = http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return now;
    }

    // ---- ingest ---------------------------------------------------------------------------------------------

    @Test
    void oneObjectThenTheSameAgainIsADuplicateOfTheSameMessage() {
        JsonNode first = results(http.post("/api/v1/messages", inbound("m1", "anna", "My parcel never arrived"), ADMIN));
        assertThat(first.get(0).get("status").asString()).isEqualTo("created");
        assertThat(first.get(0).get("index").asInt()).isZero();
        JsonNode again = results(http.post("/api/v1/messages", inbound("m1", "anna", "My parcel never arrived"), ADMIN));
        assertThat(again.get(0).get("status").asString()).isEqualTo("duplicate");
        assertThat(again.get(0).get("messageId").asString()).isEqualTo(first.get(0).get("messageId").asString());
        assertThat(again.get(0).get("conversationId").asString()).isEqualTo(first.get(0).get("conversationId").asString());
        assertThat(count("select count(*) from message where external_id = ?", run + "m1")).isEqualTo(1);
    }

    @Test
    void arrayKeepsGoodItemsAndRejectsBadOnesNamingTheField() {
        Map<String, Object> noChannel = inbound("b1", "bert", "hello");
        noChannel.remove("channel");
        Map<String, Object> badFollowers = inbound("b2", "bert", "hello");
        badFollowers.put("author", Map.of("handle", run + "bert", "followers", "many"));
        Map<String, Object> huge = inbound("b3", "bert", "x".repeat(2 * 1024 * 1024));
        Map<String, Object> good = inbound("b4", "bert", "where is my refund?");
        JsonNode r = results(http.post("/api/v1/messages", List.of(noChannel, badFollowers, huge, good), ADMIN));
        assertThat(r).hasSize(4);
        assertThat(r.get(0).get("status").asString()).isEqualTo("rejected");
        assertThat(r.get(0).get("field").asString()).isEqualTo("channel");
        assertThat(r.get(1).get("field").asString()).isEqualTo("author.followers");
        assertThat(r.get(2).get("field").asString()).isEqualTo("text");
        assertThat(r.get(2).get("error").asString()).contains("20000");
        assertThat(r.get(3).get("status").asString()).isEqualTo("created");
        assertThat(r.get(3).get("externalId").asString()).isEqualTo(run + "b4");
    }

    @Test
    void ndjsonGivesOneResultPerLineEvenForABrokenLine() {
        String body = http.json().writeValueAsString(inbound("n1", "nina", "one")) + "\n{not json\n\n"
                + http.json().writeValueAsString(inbound("n2", "nina", "two")) + "\n";
        JsonNode r = results(http.postRaw("/api/v1/messages", body, "application/x-ndjson", ADMIN));
        assertThat(r).hasSize(3);
        assertThat(r.get(0).get("status").asString()).isEqualTo("created");
        assertThat(r.get(1).get("status").asString()).isEqualTo("rejected");
        assertThat(r.get(1).get("error").asString()).contains("line 2");
        assertThat(r.get(2).get("status").asString()).isEqualTo("created");
    }

    @Test
    void unreadableBodiesAre400AndHugeBodies413InTheErrorShape() {
        Http.Answer broken = http.postRaw("/api/v1/messages", "{oops", "application/json", ADMIN);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.get("error").get("code").asString()).isEqualTo("unreadable");
        assertThat(broken.get("error").get("message").asString()).isNotBlank();
        assertThat(http.postRaw("/api/v1/messages", "", "application/json", ADMIN).status()).isEqualTo(400);
        assertThat(http.postRaw("/api/v1/messages", "42", "application/json", ADMIN).status()).isEqualTo(400);
        Http.Answer big = http.postRaw("/api/v1/messages", "[" + "\"x\",".repeat(1_100_000) + "\"x\"]", "application/json", ADMIN);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.get("error").get("code").asString()).isEqualTo("too_large");
        assertThat(big.raw()).doesNotContain("Exception").doesNotContain("at io.earshot");
    }

    @Test
    void hostileTextIsStoredVerbatimAndNeverExecuted() {
        String hostile = "<script>alert('x')</script> '; drop table message; -- \"quoted\" \u0000?";
        hostile = hostile.replace("\u0000", "");
        JsonNode r = results(http.post("/api/v1/messages", inbound("h1", "robert", hostile), ADMIN));
        String conversationId = r.get(0).get("conversationId").asString();
        JsonNode detail = http.get("/api/v1/conversations/" + conversationId, ADMIN).body();
        assertThat(detail.get("messages").get(0).get("text").asString()).isEqualTo(hostile);
        assertThat(count("select count(*) from message")).isPositive();
        Http.Answer search = http.get("/api/v1/conversations?status=all&q=" + java.net.URLEncoder.encode("'; drop", java.nio.charset.StandardCharsets.UTF_8), ADMIN);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.get("items").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void searchFindsConversationsByEveryWordAsAPrefix() {
        String word = "zq" + Long.toString(System.nanoTime(), 36); // found in no other test's messages
        JsonNode r = results(http.post("/api/v1/messages", List.of(
                inbound("w1", "wanda", "The " + word + "router keeps rebooting every night"),
                inbound("w2", "walt", "My " + word + "router arrived broken"),
                inbound("w3", "wes", "Unrelated question about invoices")), ADMIN));
        String wanda = r.get(0).get("conversationId").asString();
        String walt = r.get(1).get("conversationId").asString();
        assertThat(ids("q=" + word)).containsExactlyInAnyOrder(wanda, walt); // the start of a word
        assertThat(ids("q=" + word + "ROUTER%20reboot")).containsExactly(wanda); // every word, any case
        assertThat(ids("q=" + word + "router%20nowhere")).isEmpty();
        assertThat(ids("q=" + java.net.URLEncoder.encode("&|!():*<>'\\\"", java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
        assertThat(ids("q=" + java.net.URLEncoder.encode(word + ":* | ! &", java.nio.charset.StandardCharsets.UTF_8)))
                .as("tsquery operators are words' punctuation, not operators").containsExactlyInAnyOrder(wanda, walt);
    }

    private List<String> ids(String query) {
        Http.Answer a = http.get("/api/v1/conversations?status=all&" + query, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        a.get("items").forEach(i -> out.add(i.get("id").asString()));
        return out;
    }

    @Test
    void aCreatedAtFarAheadOfTheClockIsRejectedButSmallSkewIsNot() {
        Map<String, Object> skewed = item("twitter", run + "s1", "inbound", run + "sk", "hi", now.plusSeconds(120));
        Map<String, Object> future = item("twitter", run + "s2", "inbound", run + "sk", "hi", now.plus(Duration.ofHours(2)));
        JsonNode r = results(http.post("/api/v1/messages", List.of(skewed, future), ADMIN));
        assertThat(r.get(0).get("status").asString()).isEqualTo("created");
        assertThat(r.get(1).get("status").asString()).isEqualTo("rejected");
        assertThat(r.get(1).get("field").asString()).isEqualTo("createdAt");
    }

    // ---- security -------------------------------------------------------------------------------------------

    @Test
    void tokensAndRolesAreEnforced() {
        assertThat(http.get("/api/v1/conversations", null).status()).isEqualTo(401);
        Http.Answer wrong = http.get("/api/v1/conversations", "not-a-token");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.get("error").get("code").asString()).isEqualTo("unauthorized");
        String agent = agentToken("agent");
        assertThat(http.get("/api/v1/conversations", agent).status()).isEqualTo(200);
        Http.Answer denied = http.post("/api/v1/agents", Map.of("name", "X", "email", run + "x@example.com", "role", "admin"), agent);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.get("error").get("code").asString()).isEqualTo("forbidden");
        assertThat(http.post("/api/v1/clock", Map.of("now", now.toString()), agent).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/customers/1/merge", Map.of("otherId", "2"), agent).status()).isEqualTo(403);
        Http.Answer dup = http.post("/api/v1/agents", Map.of("name", "Again", "email", run + "agent@example.com", "role", "agent"), ADMIN);
        assertThat(dup.status()).isEqualTo(409);
        Http.Answer badRole = http.post("/api/v1/agents", Map.of("name", "R", "email", run + "r@example.com", "role", "boss"), ADMIN);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.get("error").get("field").asString()).isEqualTo("role");
    }

    @Test
    void metricsAreForAdminsOnly() {
        assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", agentToken("agent")).status()).isEqualTo(403);
        Http.Answer metrics = http.get("/actuator/prometheus", ADMIN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("jvm_memory_used_bytes");
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void unknownIdsAre404() {
        assertThat(http.get("/api/v1/conversations/999999999", ADMIN).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/conversations/does-not-exist", ADMIN).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/customers/999999999", ADMIN).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/conversations/999999999/replies", Map.of("text", "hi"), ADMIN).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/conversations/x/status", Map.of("status", "resolved"), ADMIN).status()).isEqualTo(404);
        Http.Answer none = http.get("/api/v1/nothing-here", ADMIN);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.get("error").get("code").asString()).isEqualTo("not_found");
    }

    // ---- threading and customers ----------------------------------------------------------------------------

    @Test
    void repliesAndFollowUpsThreadIntoOneConversationUntilTheWindowPasses() {
        JsonNode a = results(http.post("/api/v1/messages", inbound("t1", "tom", "The app keeps crashing"), ADMIN)).get(0);
        Map<String, Object> reply = item("twitter", run + "t2", "outbound", "BrandCare", "Sorry Tom, which phone?", now.plusSeconds(60));
        reply.put("inReplyTo", run + "t1");
        Map<String, Object> answer = item("twitter", run + "t3", "inbound", run + "tom", "iPhone 12", now.plusSeconds(120));
        answer.put("inReplyTo", run + "t2");
        advance(Duration.ofMinutes(3));
        JsonNode r = results(http.post("/api/v1/messages", List.of(reply, answer), ADMIN));
        String conversation = a.get("conversationId").asString();
        assertThat(r.get(0).get("conversationId").asString()).isEqualTo(conversation);
        assertThat(r.get(1).get("conversationId").asString()).isEqualTo(conversation);
        JsonNode detail = http.get("/api/v1/conversations/" + conversation, ADMIN).body();
        assertThat(detail.get("messages")).hasSize(3);
        assertThat(detail.get("firstResponseAt").asString()).isEqualTo(now.minusSeconds(120).toString());

        JsonNode later = results(http.post("/api/v1/messages", item("twitter", run + "t4", "inbound", run + "tom", "still crashing", now), ADMIN)).get(0);
        assertThat(later.get("conversationId").asString()).isEqualTo(conversation);

        advance(Duration.ofDays(4));
        JsonNode muchLater = results(http.post("/api/v1/messages", item("twitter", run + "t5", "inbound", run + "tom", "new problem", now), ADMIN)).get(0);
        assertThat(muchLater.get("conversationId").asString()).isNotEqualTo(conversation);
    }

    @Test
    void anOutboundMessageWithoutAKnownParentIsRejected() {
        JsonNode r = results(http.post("/api/v1/messages", item("twitter", run + "o1", "outbound", "BrandCare", "Hi!", now), ADMIN));
        assertThat(r.get(0).get("status").asString()).isEqualTo("rejected");
        assertThat(r.get(0).get("field").asString()).isEqualTo("inReplyTo");
    }

    @Test
    void theSameEmailOnTwoChannelsIsOneCustomerAndOneCase() {
        Map<String, Object> tweet = inbound("e1", "pat", "Survey promised ad-free hours, still ads");
        tweet.put("author", Map.of("handle", run + "pat", "email", run + "pat@example.com"));
        Map<String, Object> mail = item("email", run + "e2", "inbound", run + "pat@example.com", "Following up on my tweet", now);
        JsonNode r = results(http.post("/api/v1/messages", List.of(tweet, mail), ADMIN));
        assertThat(r.get(1).get("conversationId").asString()).isEqualTo(r.get(0).get("conversationId").asString());
        JsonNode conversation = http.get("/api/v1/conversations/" + r.get(0).get("conversationId").asString(), ADMIN).body();
        String customerId = conversation.get("customer").get("id").asString();
        JsonNode customer = http.get("/api/v1/customers/" + customerId, ADMIN).body();
        Set<String> channels = new HashSet<>();
        customer.get("identities").forEach(i -> channels.add(i.get("channel").asString()));
        assertThat(channels).containsExactlyInAnyOrder("twitter", "email");
    }

    @Test
    void mergingCustomersMovesTheirTimelinesAndNeedsALead() {
        JsonNode a = results(http.post("/api/v1/messages", inbound("g1", "gail", "hello from twitter"), ADMIN)).get(0);
        JsonNode b = results(http.post("/api/v1/messages", item("chat", run + "g2", "inbound", run + "gail-chat", "hello from chat", now), ADMIN)).get(0);
        String customerA = http.get("/api/v1/conversations/" + a.get("conversationId").asString(), ADMIN).body().get("customer").get("id").asString();
        String customerB = http.get("/api/v1/conversations/" + b.get("conversationId").asString(), ADMIN).body().get("customer").get("id").asString();
        assertThat(customerA).isNotEqualTo(customerB);
        String lead = agentToken("lead");
        Http.Answer merged = http.post("/api/v1/customers/" + customerA + "/merge", Map.of("otherId", customerB), lead);
        assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
        assertThat(merged.get("conversations")).hasSize(2);
        assertThat(merged.get("identities")).hasSize(2);
        assertThat(http.get("/api/v1/customers/" + customerB, ADMIN).get("id").asString()).isEqualTo(customerA);
        assertThat(http.post("/api/v1/customers/" + customerA + "/merge", Map.of("otherId", customerA), lead).status()).isEqualTo(400);
        assertThat(http.post("/api/v1/customers/" + customerA + "/merge", Map.of("otherId", "424242424"), lead).status()).isEqualTo(404);
        JsonNode next = results(http.post("/api/v1/messages", item("chat", run + "g3", "inbound", run + "gail-chat", "me again", now), ADMIN)).get(0);
        String customerNow = http.get("/api/v1/conversations/" + next.get("conversationId").asString(), ADMIN).body().get("customer").get("id").asString();
        assertThat(customerNow).isEqualTo(customerA);
    }

    @Test
    void aNewInboundMessageReopensAResolvedConversation() {
        JsonNode a = results(http.post("/api/v1/messages", inbound("x1", "rita", "refund please"), ADMIN)).get(0);
        String id = a.get("conversationId").asString();
        Http.Answer resolved = http.post("/api/v1/conversations/" + id + "/status", Map.of("status", "resolved", "note", "refunded"), ADMIN);
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(http.post("/api/v1/conversations/" + id + "/status", Map.of("status", "pending"), ADMIN).status()).isEqualTo(409);
        assertThat(http.post("/api/v1/conversations/" + id + "/status", Map.of("status", "closed"), ADMIN).status()).isEqualTo(400);
        Map<String, Object> again = inbound("x2", "rita", "the refund did not arrive");
        again.put("inReplyTo", run + "x1");
        JsonNode b = results(http.post("/api/v1/messages", again, ADMIN)).get(0);
        assertThat(b.get("conversationId").asString()).isEqualTo(id);
        JsonNode detail = http.get("/api/v1/conversations/" + id, ADMIN).body();
        assertThat(detail.get("status").asString()).isEqualTo("open");
        List<String> kinds = new ArrayList<>();
        detail.get("events").forEach(e -> kinds.add(e.get("kind").asString()));
        assertThat(kinds).contains("conversation_opened", "status_changed", "reopened");
    }

    @Test
    void concurrentOverlappingBatchesStoreEachMessageOnceAndOneCustomerPerPerson() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(inbound("c" + i, "crowd" + (i % 10), "message " + i + " about my order"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            List<Map<String, Object>> mine = new ArrayList<>(batch);
            java.util.Collections.rotate(mine, t * 7);
            Callable<JsonNode> call = () -> results(http.post("/api/v1/messages", mine, ADMIN));
            futures.add(pool.submit(call));
        }
        Map<String, String> messageIds = new HashMap<>();
        int created = 0;
        for (Future<JsonNode> f : futures) {
            for (JsonNode r : f.get()) {
                assertThat(r.get("status").asString()).isIn("created", "duplicate");
                if ("created".equals(r.get("status").asString())) {
                    created++;
                }
                String previous = messageIds.putIfAbsent(r.get("externalId").asString(), r.get("messageId").asString());
                if (previous != null) {
                    assertThat(r.get("messageId").asString()).isEqualTo(previous);
                }
            }
        }
        pool.shutdown();
        assertThat(created).isEqualTo(40);
        assertThat(count("select count(*) from message where external_id like ?", run + "c%")).isEqualTo(40);
        assertThat(count("select count(distinct customer_id) from message where external_id like ?", run + "c%")).isEqualTo(10);
        assertThat(count("select count(distinct conversation_id) from message where external_id like ?", run + "c%")).isEqualTo(10);
        assertThat(count("select count(*) from customer_identity where handle like ?", (run + "crowd").toLowerCase() + "%")).isEqualTo(10);
    }

    // ---- the inbox ------------------------------------------------------------------------------------------

    @Test
    void theInboxSortsByPriorityAndItsCursorWalksEveryItemOnce() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> m = item("forum", run + "p" + i, "inbound", run + "p" + i, "post number " + i, now);
            m.put("author", Map.of("handle", run + "p" + i, "followers", i * 100_000, "verified", i == 6));
            items.add(m);
        }
        results(http.post("/api/v1/messages", items, ADMIN));
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int previousScore = Integer.MAX_VALUE;
        int pages = 0;
        do {
            String path = "/api/v1/conversations?status=open&sort=priority&channel=forum&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
            Http.Answer page = http.get(path, ADMIN);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            for (JsonNode c : page.get("items")) {
                if (c.get("preview").asString().startsWith("post number")) {
                    assertThat(seen.add(c.get("id").asString())).isTrue();
                }
                int score = c.get("priority").get("score").asInt();
                assertThat(score).isLessThanOrEqualTo(previousScore);
                previousScore = score;
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(7);
        JsonNode top = http.get("/api/v1/conversations?status=open&sort=priority&channel=forum&q=" + "post%20number%206", ADMIN).get("items").get(0);
        assertThat(top.get("priority").get("reasons").toString()).contains("verified").contains("600k");

        assertThat(http.get("/api/v1/conversations?sort=loudest", ADMIN).get("error").get("field").asString()).isEqualTo("sort");
        assertThat(http.get("/api/v1/conversations?status=closed", ADMIN).get("error").get("field").asString()).isEqualTo("status");
        assertThat(http.get("/api/v1/conversations?limit=0", ADMIN).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/conversations?limit=abc", ADMIN).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/conversations?cursor=garbage", ADMIN).get("error").get("field").asString()).isEqualTo("cursor");
        for (String sort : List.of("oldest", "newest", "due")) {
            Http.Answer page = http.get("/api/v1/conversations?status=all&sort=" + sort + "&limit=2", ADMIN);
            assertThat(page.status()).as(sort).isEqualTo(200);
            String next = page.get("nextCursor").asString();
            assertThat(http.get("/api/v1/conversations?status=all&sort=" + sort + "&limit=2&cursor=" + next, ADMIN).status()).isEqualTo(200);
        }
    }

    @Test
    void everyStatusTogetherIsOneOrderedListPageAfterPage() {
        String[] texts = {"Your app is down again, nothing loads", "Thanks, love the new update!", "How do I change my plan?",
            "I was charged twice, this is a scam", "Where is my parcel?", "Great support today"};
        String[] statuses = {"open", "pending", "resolved", "open", "resolved", "pending"};
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (int i = 0; i < texts.length; i++) {
            advance(Duration.ofMinutes(7));
            String id = results(http.post("/api/v1/messages", inbound("all" + i, "allcustomer" + i, run + " " + texts[i]), ADMIN))
                    .get(0).get("conversationId").asString();
            mine.add(id);
            if (!statuses[i].equals("open")) {
                Http.Answer moved = http.post("/api/v1/conversations/" + id + "/status", Map.of("status", statuses[i]), ADMIN);
                assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
            }
        }
        for (String sort : List.of("priority", "oldest", "newest", "due")) {
            List<JsonNode> walked = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Http.Answer page = http.get("/api/v1/conversations?status=all&sort=" + sort + "&limit=2&q=" + run
                        + (cursor == null ? "" : "&cursor=" + cursor), ADMIN);
                assertThat(page.status()).as(page.raw()).isEqualTo(200);
                page.get("items").forEach(walked::add);
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            } while (cursor != null && ++pages < 10);
            assertThat(walked.stream().map(c -> c.get("id").asString()).toList()).as(sort).hasSize(6).containsExactlyInAnyOrderElementsOf(mine);
            assertThat(walked.stream().map(c -> c.get("status").asString()).distinct().sorted().toList()).as(sort)
                    .containsExactly("open", "pending", "resolved");
            for (int i = 1; i < walked.size(); i++) {
                JsonNode a = walked.get(i - 1);
                JsonNode b = walked.get(i);
                long idA = Long.parseLong(a.get("id").asString());
                long idB = Long.parseLong(b.get("id").asString());
                switch (sort) {
                    case "priority" -> {
                        int sa = a.get("priority").get("score").asInt();
                        int sb = b.get("priority").get("score").asInt();
                        assertThat(sa > sb || (sa == sb && idA > idB)).as(sort + " " + a + " before " + b).isTrue();
                    }
                    case "oldest" -> assertThat(Instant.parse(a.get("createdAt").asString()))
                            .as(sort).isBefore(Instant.parse(b.get("createdAt").asString()));
                    case "newest" -> assertThat(Instant.parse(a.get("createdAt").asString()))
                            .as(sort).isAfter(Instant.parse(b.get("createdAt").asString()));
                    default -> {
                        Instant da = earliestDue(a);
                        Instant db = earliestDue(b);
                        assertThat(db == null || (da != null && (da.isBefore(db) || (da.equals(db) && idA < idB))))
                                .as(sort + " " + da + " before " + db).isTrue();
                    }
                }
            }
        }
    }

    private static Instant earliestDue(JsonNode conversation) {
        if (conversation.get("status").asString().equals("resolved")) {
            return null; // a resolved conversation is due at no time, and sorts last
        }
        Instant best = null;
        for (String target : List.of("firstResponseDue", "nextUpdateDue", "resolutionDue")) {
            JsonNode v = conversation.get("sla").get(target);
            if (v != null && !v.isNull()) {
                Instant at = Instant.parse(v.asString());
                best = best == null || at.isBefore(best) ? at : best;
            }
        }
        return best;
    }

    @Test
    void aReplyIsStoredQueuedAndDeliveredOnceAndCountsAsFirstResponse() throws Exception {
        JsonNode a = results(http.post("/api/v1/messages", inbound("y1", "yara", "Why was I charged twice?"), ADMIN)).get(0);
        String id = a.get("conversationId").asString();
        String agent = agentToken("agent");
        advance(Duration.ofMinutes(3));
        Http.Answer reply = http.post("/api/v1/conversations/" + id + "/replies", Map.of("text", "Sorry Yara, checking now."), agent);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.get("messageId").asString()).isNotBlank();
        assertThat(reply.get("commitments").isArray()).isTrue();
        String delivery = null;
        for (int i = 0; i < 100 && !"sent".equals(delivery); i++) {
            Thread.sleep(100);
            JsonNode detail = http.get("/api/v1/conversations/" + id, ADMIN).body();
            delivery = detail.get("messages").get(1).get("delivery").asString();
        }
        assertThat(delivery).isEqualTo("sent");
        assertThat(count("select count(*) from outbox where conversation_id = ?", Long.parseLong(id))).isEqualTo(1);
        JsonNode c = http.get("/api/v1/conversations/" + id, ADMIN).body();
        assertThat(c.get("firstResponseAt").asString()).isEqualTo(now.toString());
        assertThat(c.get("messages").get(1).get("direction").asString()).isEqualTo("outbound");
        Http.Answer tooLong = http.post("/api/v1/conversations/" + id + "/replies", Map.of("text", "a".repeat(281)), agent);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.get("error").get("field").asString()).isEqualTo("text");
        assertThat(http.post("/api/v1/conversations/" + id + "/replies", Map.of("text", " "), agent).status()).isEqualTo(400);
        assertThat(http.post("/api/v1/conversations/" + id + "/replies", Map.of("text", 5), agent).status()).isEqualTo(400);
    }

    @Test
    void priorityGrowsWhileTheCustomerWaitsAndStopsWhenWeAnswer() {
        JsonNode a = results(http.post("/api/v1/messages", inbound("w1", "wendy", "Where is my order?"), ADMIN)).get(0);
        String id = a.get("conversationId").asString();
        int before = http.get("/api/v1/conversations/" + id, ADMIN).get("priority").get("score").asInt();
        advance(Duration.ofMinutes(61));
        JsonNode waited = http.get("/api/v1/conversations/" + id, ADMIN).get("priority");
        assertThat(waited.get("score").asInt()).isGreaterThan(before);
        // re-ranked by the priority-refresh timer when the wait reached its 60-minute step, as the system clock would
        assertThat(waited.get("reasons").toString()).contains("waiting 60 minutes");
        http.post("/api/v1/conversations/" + id + "/replies", Map.of("text", "Hi Wendy, it ships today."), ADMIN);
        JsonNode answered = http.get("/api/v1/conversations/" + id, ADMIN).get("priority");
        assertThat(answered.get("reasons").toString()).doesNotContain("waiting");
    }

    @Test
    void aConversationKeepsItsGravestIntentWhenTheCustomerSaysThanks() {
        JsonNode a = results(http.post("/api/v1/messages", inbound("k1", "kim", "Your app is down, I can't log in and I'm furious"), ADMIN)).get(0);
        String id = a.get("conversationId").asString();
        String before = http.get("/api/v1/conversations/" + id, ADMIN).get("intent").asString();
        assertThat(before).isIn("outage", "complaint");
        results(http.post("/api/v1/messages", inbound("k2", "kim", "thanks, you are great"), ADMIN));
        JsonNode after = http.get("/api/v1/conversations/" + id, ADMIN).body();
        assertThat(after.get("intent").asString()).isEqualTo(before);
        assertThat(after.get("preview").asString()).isEqualTo("thanks, you are great");
    }

    @Test
    void assigningNeedsAnExistingAgent() {
        JsonNode a = results(http.post("/api/v1/messages", inbound("z1", "zed", "question about billing"), ADMIN)).get(0);
        String id = a.get("conversationId").asString();
        Http.Answer me = http.post("/api/v1/agents", Map.of("name", "Zoe", "email", run + "zoe@example.com", "role", "agent"), ADMIN);
        Http.Answer ok = http.post("/api/v1/conversations/" + id + "/assign", Map.of("agentId", me.get("id").asString()), ADMIN);
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.get("assignee").get("name").asString()).isEqualTo("Zoe");
        JsonNode mine = http.get("/api/v1/conversations?status=all&assignee=" + me.get("id").asString(), ADMIN).body();
        assertThat(mine.get("items")).hasSize(1);
        Http.Answer nobody = http.post("/api/v1/conversations/" + id + "/assign", Map.of("agentId", "987654321"), ADMIN);
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.get("error").get("field").asString()).isEqualTo("agentId");
    }

    @Test
    void theSummaryReportsMedianAndP90FirstResponse() {
        Instant start = advance(Duration.ofDays(30));
        int[] minutes = {1, 2, 3, 4, 10};
        for (int i = 0; i < minutes.length; i++) {
            Map<String, Object> in = item("review", run + "q" + i, "inbound", run + "q" + i, "review " + i, start);
            Map<String, Object> out = item("review", run + "qa" + i, "outbound", "Brand", "thanks", start.plusSeconds(60L * minutes[i]));
            out.put("inReplyTo", run + "q" + i);
            advance(Duration.ZERO);
            results(http.post("/api/v1/messages", in, ADMIN));
            now = start.plusSeconds(60L * minutes[i]);
            http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN);
            results(http.post("/api/v1/messages", out, ADMIN));
            now = start;
        }
        JsonNode s = http.get("/api/v1/reports/summary?from=" + start + "&to=" + start.plusSeconds(3600), ADMIN).body();
        assertThat(s.get("conversations").asLong()).isEqualTo(5);
        assertThat(s.get("firstResponse").get("median").asDouble()).isEqualTo(180.0);
        assertThat(s.get("firstResponse").get("p90").asDouble()).isEqualTo(456.0);
        assertThat(s.get("repliesPerHour").asDouble()).isEqualTo(5.0);
        assertThat(http.get("/api/v1/reports/summary?from=yesterday", ADMIN).get("error").get("field").asString()).isEqualTo("from");
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithExamples() {
        Http.Answer doc = http.get("/v3/api-docs", null);
        assertThat(doc.status()).isEqualTo(200);
        JsonNode paths = doc.get("paths");
        for (String path : List.of("/api/v1/messages", "/api/v1/conversations", "/api/v1/conversations/{id}",
                "/api/v1/conversations/{id}/replies", "/api/v1/conversations/{id}/assign", "/api/v1/conversations/{id}/status",
                "/api/v1/customers/{id}", "/api/v1/customers/{id}/merge", "/api/v1/agents", "/api/v1/clock",
                "/api/v1/reports/summary", "/api/v1/commitments", "/api/v1/commitments/{id}/kept",
                "/api/v1/conversations/{id}/commitments", "/api/v1/alerts", "/api/v1/webhooks", "/api/v1/teams",
                "/api/v1/sla-policies", "/api/v1/reports/agents")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        for (String path : List.of("/api/v1/commitments", "/api/v1/alerts", "/api/v1/webhooks", "/api/v1/teams", "/api/v1/sla-policies")) {
            assertThat(paths.get(path).toString()).as(path).contains("example");
        }
        assertThat(paths.get("/api/v1/messages").toString()).contains("application/x-ndjson").contains("examples");
        assertThat(doc.get("components").get("securitySchemes").has("bearer")).isTrue();
        assertThat(http.get("/swagger-ui.html", null).status()).isIn(200, 302);
    }

    @Test
    void cannedResponsesAndTheToneCheck() {
        String lead = agentToken("lead");
        Http.Answer bad = http.post("/api/v1/canned-responses", Map.of("title", "x", "body", "Hi {{customer.shoeSize}}"), lead);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("error").get("field").asString()).isEqualTo("body");
        Http.Answer made = http.post("/api/v1/canned-responses", Map.of("title", "DM please " + run,
                "body", "Thanks for reaching out. Please DM us your order number."), lead);
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String agent = agentToken("agent");
        assertThat(http.post("/api/v1/canned-responses", Map.of("title", "t", "body", "b"), agent).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/canned-responses", agent).get("items").toString()).contains("DM please " + run);
        Map<String, Object> m = inbound("tone1", "tina", "This is the worst service, my order is three weeks late!");
        m.put("author", Map.of("handle", run + "tina", "name", "Tina Marsh"));
        String conversation = results(http.post("/api/v1/messages", m, ADMIN)).get(0).get("conversationId").asString();
        Http.Answer check = http.post("/api/v1/conversations/" + conversation + "/tone-check", Map.of("text",
                "Thanks for reaching out. Please DM us your order number.", "cannedId", made.get("id").asString()), agent);
        assertThat(check.status()).as(check.raw()).isEqualTo(200);
        assertThat(check.get("warnings").findValuesAsString("code")).contains("no_acknowledgement", "canned_unchanged", "no_name");
        Http.Answer good = http.post("/api/v1/conversations/" + conversation + "/tone-check", Map.of("text",
                "So sorry, Tina! That is far too long. Could you DM us the order number so I can chase it today?"), agent);
        assertThat(good.get("warnings")).isEmpty();
        Http.Answer longOne = http.post("/api/v1/conversations/" + conversation + "/tone-check", Map.of("text",
                "Sorry Tina. " + "x".repeat(300)), agent);
        assertThat(longOne.get("warnings").findValuesAsString("code")).containsExactly("too_long");

        // a promise whose time has already passed today is caught before the customer sees it
        if (now.atZone(java.time.ZoneOffset.UTC).toLocalTime().isBefore(java.time.LocalTime.of(0, 1))) {
            now = now.plusSeconds(120);
            http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN);
        }
        Http.Answer late = http.post("/api/v1/conversations/" + conversation + "/tone-check", Map.of("text",
                "So sorry, Tina! I'll call you back today at 12:00am."), agent);
        assertThat(late.get("warnings").findValuesAsString("code")).as(late.raw()).containsExactly("promise_time_passed");
        String tomorrow = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, 00:00", java.util.Locale.ENGLISH)
                .format(now.atZone(java.time.ZoneOffset.UTC).plusDays(1));
        assertThat(late.get("warnings").get(0).get("message").asString()).contains("a callback", "\"today at 12:00am\"",
                "already passed", tomorrow);
        Http.Answer privately = http.post("/api/v1/conversations/" + conversation + "/tone-check", Map.of("text",
                "So sorry, Tina! I'll call you back today at 12:00am.", "private", true), agent);
        assertThat(privately.get("warnings").findValuesAsString("code")).doesNotContain("promise_time_passed");
    }

    @Test
    void waitingOnUsLongestListsOnlyWhoSpokeLastOldestFirst() {
        String agent = agentToken("agent");
        Map<String, Object> first = item("chat", run + "w1", "inbound", run + "wa", "Hello, anyone there?", now.minusSeconds(300));
        Map<String, Object> second = item("chat", run + "w2", "inbound", run + "wb", "Question about my bill", now.minusSeconds(200));
        Map<String, Object> third = item("chat", run + "w3", "inbound", run + "wc", "Password reset please", now.minusSeconds(100));
        JsonNode r = results(http.post("/api/v1/messages", List.of(first, second, third), ADMIN));
        String answered = r.get(1).get("conversationId").asString();
        assertThat(http.post("/api/v1/conversations/" + answered + "/replies", Map.of("text", "Hi! Which bill?"), agent).status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/api/v1/conversations?sort=waiting&channel=chat&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), agent).body();
            page.get("items").forEach(i -> ids.add(i.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(ids).doesNotContain(answered);
        assertThat(ids.indexOf(r.get(0).get("conversationId").asString())).isLessThan(ids.indexOf(r.get(2).get("conversationId").asString()));
    }

    @Test
    void topicsHaveASeriesAndFilterTheInbox() {
        String lead = agentToken("lead");
        String word = "zq" + Long.toString(System.nanoTime(), 36);
        Http.Answer topic = http.post("/api/v1/topics", Map.of("name", "Parcels " + run, "query", word + "parcel OR \"" + word + " box\""), lead);
        assertThat(topic.status()).as(topic.raw()).isEqualTo(201);
        assertThat(topic.get("terms").toString()).contains(word + "parcel").contains(word + " box");
        String id = topic.get("id").asString();
        Instant hour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        List<Map<String, Object>> items = List.of(
                item("twitter", run + "t1", "inbound", run + "ta", "My " + word + "PARCEL never came, this is terrible", hour.plusSeconds(60)),
                item("twitter", run + "t2", "inbound", run + "tb", "Love the " + word + " box, thank you!", hour.plusSeconds(120)),
                item("twitter", run + "t3", "inbound", run + "tc", "Nothing to do with it", hour.plusSeconds(180)));
        JsonNode r = results(http.post("/api/v1/messages", items, ADMIN));
        JsonNode series = http.get("/api/v1/topics/" + id + "/series?bucket=1h&from=" + hour.minusSeconds(3600) + "&to=" + hour.plusSeconds(3600), lead).body();
        assertThat(series.get("items")).hasSize(2);
        JsonNode bucket = series.get("items").get(1);
        assertThat(bucket.get("start").asString()).isEqualTo(hour.toString());
        assertThat(bucket.get("volume").asLong()).isEqualTo(2);
        assertThat(bucket.get("negative").asLong() + bucket.get("positive").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(series.get("items").get(0).get("volume").asLong()).isZero();
        JsonNode inbox = http.get("/api/v1/conversations?status=all&topic=" + id + "&limit=50", lead).body();
        assertThat(inbox.get("items").findValuesAsString("id")).contains(r.get(0).get("conversationId").asString(),
                r.get(1).get("conversationId").asString()).doesNotContain(r.get(2).get("conversationId").asString());
        assertThat(http.post("/api/v1/topics", Map.of("name", "x", "query", " OR "), lead).get("error").get("field").asString()).isEqualTo("query");
        assertThat(http.get("/api/v1/topics/" + id + "/series?bucket=1s", lead).get("error").get("field").asString()).isEqualTo("bucket");
        assertThat(http.get("/api/v1/topics/" + id + "/series?bucket=1m&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", lead)
                .get("error").get("field").asString()).isEqualTo("bucket");
        assertThat(http.post("/api/v1/topics", Map.of("name", "y", "query", "z"), agentToken("agent")).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/topics/999999999/series", lead).status()).isEqualTo(404);
    }

    @Test
    void topicQueriesAreMatchedAtIngestAndCountedAsTheyHappen() {
        String lead = agentToken("lead");
        String w = "zr" + Long.toString(System.nanoTime(), 36);
        Http.Answer bad = http.post("/api/v1/topics", Map.of("name", "Bad", "query", "(" + w + " AND"), lead);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("error").get("field").asString()).isEqualTo("query");
        assertThat(bad.get("error").get("message").asString()).contains("position " + (w.length() + 3));
        assertThat(http.post("/api/v1/topics/preview", Map.of("query", w + " sentiment:angry"), lead).get("error").get("message").asString())
                .contains("position " + (w.length() + 2));
        assertThat(http.post("/api/v1/topics/preview", Map.of("query", w), agentToken("agent")).status()).isEqualTo(403);

        Instant minute = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusSeconds(3 * 3600 - 600);
        Map<String, Object> withFollowers = item("twitter", run + "q1", "inbound", run + "qa", "The " + w + " app is down again, I want a refund", minute);
        ((Map<String, Object>) withFollowers.get("author")).put("followers", 1200);
        results(http.post("/api/v1/messages", List.of(
                withFollowers,
                item("email", run + "q2", "inbound", run + "qb", "Refund for " + w + " please", minute.plusSeconds(5)),
                item("twitter", run + "q3", "inbound", run + "qa", "Still no " + w + " refund", minute.plusSeconds(20)),
                item("twitter", run + "q4", "inbound", run + "qc", w + " is great, love it", minute.plusSeconds(30)),
                item("twitter", run + "q5", "inbound", run + "qd", "A refund elsewhere", minute.plusSeconds(40))), ADMIN));

        // preview looks back at what was already said; the new topic counts only what comes next
        JsonNode preview = http.post("/api/v1/topics/preview", Map.of("query", w + " refund NOT channel:email"), lead).body();
        assertThat(preview.get("items").findValuesAsString("text")).hasSize(2).allMatch(t -> t.contains(w) && t.toLowerCase().contains("refund"));
        assertThat(preview.get("scanned").asInt()).isGreaterThanOrEqualTo(5);

        Http.Answer topic = http.post("/api/v1/topics", Map.of("name", "Refunds " + run, "query", w + " (refund OR \"is down\") NOT channel:email"), lead);
        assertThat(topic.status()).as(topic.raw()).isEqualTo(201);
        String id = topic.get("id").asString();
        Instant later = minute.plusSeconds(3600);
        Map<String, Object> big = item("twitter", run + "q6", "inbound", run + "qe", "Refund me, " + w + " IS DOWN", later);
        ((Map<String, Object>) big.get("author")).put("followers", 50);
        JsonNode r = results(http.post("/api/v1/messages", List.of(big,
                item("twitter", run + "q7", "inbound", run + "qf", w + " refund now", later.plusSeconds(10)),
                item("twitter", run + "q8", "inbound", run + "qf", w + " refund?", later.plusSeconds(70)),
                item("email", run + "q9", "inbound", run + "qg", w + " refund by mail", later.plusSeconds(20)),
                item("twitter", run + "q10", "inbound", run + "qh", w + " is lovely", later.plusSeconds(30)),
                // said earlier, heard late: counted in the bucket of when it was said
                item("twitter", run + "q11", "inbound", run + "qi", "late " + w + " refund", minute.plusSeconds(50))), ADMIN));
        JsonNode series = http.get("/api/v1/topics/" + id + "/series?bucket=1m&from=" + later.minusSeconds(60) + "&to=" + later.plusSeconds(120), lead).body();
        assertThat(series.get("items")).hasSize(3);
        assertThat(series.get("items").get(0).get("volume").asLong()).isZero();
        JsonNode first = series.get("items").get(1);
        assertThat(first.get("start").asString()).isEqualTo(later.toString());
        assertThat(first.get("volume").asLong()).as(series.toString()).isEqualTo(2);
        assertThat(first.get("uniqueAuthors").asLong()).isEqualTo(2);
        assertThat(first.get("reach").asLong()).isEqualTo(50);
        assertThat(series.get("items").get(2).get("volume").asLong()).isEqualTo(1);
        JsonNode hourly = http.get("/api/v1/topics/" + id + "/series?bucket=1h&from=" + minute.minusSeconds(600) + "&to=" + later.plusSeconds(3000), lead).body();
        assertThat(hourly.get("items").get(0).get("volume").asLong()).isEqualTo(1); // the late one, in its own hour
        assertThat(hourly.get("items").get(1).get("volume").asLong()).isEqualTo(3);
        assertThat(hourly.get("items").get(1).get("uniqueAuthors").asLong()).isEqualTo(2);
        JsonNode all = http.get("/api/v1/topics/all/series?bucket=1h&from=" + minute.minusSeconds(600) + "&to=" + later.plusSeconds(3000), lead).body();
        assertThat(all.get("items").get(1).get("volume").asLong()).isGreaterThanOrEqualTo(5);

        JsonNode matches = http.get("/api/v1/topics/" + id + "/matches?limit=10", lead).body();
        assertThat(matches.get("items").findValuesAsString("id")).containsExactly(
                r.get(2).get("messageId").asString(), r.get(1).get("messageId").asString(), r.get(0).get("messageId").asString(),
                r.get(5).get("messageId").asString());
        assertThat(http.get("/api/v1/topics/" + id + "/matches?limit=0", lead).get("error").get("field").asString()).isEqualTo("limit");
        JsonNode inbox = http.get("/api/v1/conversations?status=all&topic=" + id + "&limit=50", lead).body();
        assertThat(inbox.get("items").findValuesAsString("id")).contains(r.get(0).get("conversationId").asString())
                .doesNotContain(r.get(3).get("conversationId").asString(), r.get(4).get("conversationId").asString());
        assertThat(http.delete("/api/v1/topics/" + id, lead).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/topics/" + id + "/matches", lead).status()).isEqualTo(404);
    }

    @Test
    void aWaveOfComplaintsOnAQuietTopicIsAlertedWithinTenMinutesAndItsBaselineIsNot() {
        String lead = agentToken("lead");
        String w = "zs" + Long.toString(System.nanoTime(), 36);
        String id = http.post("/api/v1/topics", Map.of("name", "Checkout " + run, "query", w + " OR \"" + w + " checkout\""), lead).get("id").asString();
        Instant created = now;
        // a quiet baseline, heard as it is said: 0-2 messages every 5 minutes for 26 hours, fewer at night
        java.util.Random random = new java.util.Random(42);
        int n = 0;
        for (int step = 0; step < 26 * 12; step++) {
            int count = now.atZone(java.time.ZoneOffset.UTC).getHour() < 7 ? (random.nextInt(4) == 0 ? 1 : 0) : random.nextInt(3);
            List<Map<String, Object>> batch = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(item("twitter", run + "b" + n, "inbound", run + "bu" + (n % 40), "Using " + w + " today, it works",
                        now.plusSeconds(random.nextInt(290))));
                n++;
            }
            if (!batch.isEmpty()) {
                results(http.post("/api/v1/messages", batch, ADMIN));
            }
            advance(Duration.ofMinutes(5));
        }
        assertThat(spikes(id, created)).as("no spike on the baseline").isEmpty();
        // the wave: 8 complaints a minute from many customers
        Instant onset = now;
        for (int minute = 0; minute < 10; minute++) {
            List<Map<String, Object>> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batch.add(item("twitter", run + "w" + minute + "-" + i, "inbound", run + "wu" + minute + "-" + i,
                        "The " + w + " checkout crashed again and charged me twice, this is terrible, I want a refund", now.plusSeconds(i * 7)));
            }
            results(http.post("/api/v1/messages", batch, ADMIN));
            advance(Duration.ofMinutes(1));
        }
        List<JsonNode> spikes = spikes(id, created);
        assertThat(spikes).as("a spike within 10 minutes of the onset").isNotEmpty();
        JsonNode first = spikes.get(spikes.size() - 1);
        assertThat(Instant.parse(first.get("firedAt").asString())).isBetween(onset, onset.plus(Duration.ofMinutes(10)));
        JsonNode d = first.get("details");
        assertThat(d.get("series").asString()).isIn("volume", "negative");
        assertThat(d.get("ratio").asDouble()).isGreaterThan(5);
        assertThat(d.get("observed").asLong()).isGreaterThan(d.get("expected").asLong());
        assertThat(Instant.parse(d.get("bucketStart").asString())).isAfterOrEqualTo(onset.minus(Duration.ofMinutes(5)));
        assertThat(d.get("sampleMessageIds").size()).isBetween(1, 5);
        assertThat(d.get("topWords").toString()).containsAnyOf("crashed", "charged", "twice", "refund", "terrible");
        assertThat(d.get("message").asString()).contains("Checkout " + run).contains("the usual");
        assertThat(d.get("conversationIds").size()).isGreaterThanOrEqualTo(8);
        // the negative spike opened an incident for the topic; it stays open: its sweep runs only when messages are
        // heard, so the other tests' clock jumps fire it once each, not once a minute of the jump
        assertThat(http.get("/api/v1/incidents", ADMIN).body().get("items")).anyMatch(i -> "open".equals(i.get("status").asString()));
    }

    private List<JsonNode> spikes(String topicId, Instant since) {
        List<JsonNode> out = new java.util.ArrayList<>();
        http.get("/api/v1/alerts?kind=spike&since=" + since, ADMIN).body().get("items").forEach(a -> {
            if (a.hasNonNull("topicId") && topicId.equals(a.get("topicId").asString())) {
                out.add(a);
            }
        });
        return out;
    }

    @Test
    void deskPasswordsAreCheckedForLength() {
        Http.Answer short_ = http.post("/api/v1/agents", Map.of("name", "P", "email", run + "p1@example.com", "password", "short"), ADMIN);
        assertThat(short_.status()).isEqualTo(400);
        assertThat(short_.get("error").get("field").asString()).isEqualTo("password");
        Http.Answer long_ = http.post("/api/v1/agents", Map.of("name", "P", "email", run + "p2@example.com", "password", "ä".repeat(40)), ADMIN);
        assertThat(long_.status()).as(long_.raw()).isEqualTo(400);
        assertThat(long_.get("error").get("message").asString()).contains("72 bytes");
        assertThat(count("select count(*) from agent where email like ?", run + "p_@example.com")).isZero();
    }

    @Test
    void webhooksIntoEarshotsOwnNetworkAreNeverCalled() throws Exception {
        for (String url : List.of("http://localhost/hook", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook",
                "http://192.168.0.7/hook", "http://[::1]/hook", "http://[fd12:3456::1]/hook", "http://0.0.0.0/hook", "http://100.64.1.1/hook")) {
            Http.Answer hook = http.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("*"), "secret", "long-enough-secret"), ADMIN);
            assertThat(hook.status()).as(url + " " + hook.raw()).isEqualTo(201);
            assertThat(hook.get("warning").asString()).as(url).contains("will be refused").contains("inside Earshot's own network")
                    .contains("earshot.alerting.webhook-private-addresses");
            assertThat(http.get("/api/v1/webhooks/" + hook.get("id").asString(), ADMIN).get("webhook").has("warning")).isFalse();
            assertThat(http.delete("/api/v1/webhooks/" + hook.get("id").asString(), ADMIN).status()).isEqualTo(204);
        }
        Http.Answer outside = http.post("/api/v1/webhooks", Map.of("url", "https://8.8.8.8/hook-" + run, "events", List.of("*"),
                "secret", "long-enough-secret"), ADMIN);
        assertThat(outside.status()).as(outside.raw()).isEqualTo(201);
        assertThat(outside.body().has("warning")).isFalse();
        assertThat(http.delete("/api/v1/webhooks/" + outside.get("id").asString(), ADMIN).status()).isEqualTo(204);

        // a receiver on this machine: an alert for it is delivered to the log as refused, and the receiver hears nothing
        try (io.earshot.WebhookReceiver receiver = new io.earshot.WebhookReceiver(n -> 204)) {
            String id = http.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", List.of("sla_breach"),
                    "secret", "long-enough-secret"), ADMIN).get("id").asString();
            results(http.post("/api/v1/messages", inbound("ssrf", "ssrfcustomer", "Your service is down and nobody answers me!"), ADMIN));
            advance(Duration.ofHours(3));
            JsonNode log = http.get("/api/v1/webhooks/" + id, ADMIN).body();
            assertThat(log.get("deliveries").size()).as(log.toString()).isGreaterThan(0);
            JsonNode attempt = log.get("deliveries").get(0).get("log").get(0);
            assertThat(attempt.get("error").asString()).contains("not called").contains("loopback");
            assertThat(attempt.get("statusCode").isNull()).isTrue();
            assertThat(receiver.received()).isEmpty();
            assertThat(http.delete("/api/v1/webhooks/" + id, ADMIN).status()).isEqualTo(204);
        }
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
