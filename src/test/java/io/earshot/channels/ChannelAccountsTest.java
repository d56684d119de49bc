package io.earshot.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import io.earshot.ingest.ChannelTraits;
import io.earshot.ingest.IncomingMessage;
import io.earshot.ingest.OutboundConnector;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, the channel machinery every connector stands on, through the public API with a connector of the test's
 * own (a "fake": a provider held in memory that the test can make fail, time out after accepting, or rate-limit):
 * accounts with sealed secrets, a position committed with the messages it produced, a lease that runs an account on
 * one instance, restarts with backoff, replies addressed from the message they answer, and an outbox that shows a
 * reply at most once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=channelaccounts",
        "earshot.admin-token=" + ChannelAccountsTest.ADMIN,
        "earshot.secret-key=" + ChannelAccountsTest.KEY,
        "earshot.channels.supervise-every=100ms",
        "earshot.channels.lease=3s"})
class ChannelAccountsTest {

    static final String ADMIN = "channel-accounts-admin-token";
    static final String KEY = "a-test-key-of-more-than-thirty-two-characters";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** The fake provider: posts to hear, replies it got, and what it should do next. */
    static final class Provider {
        final List<Post> posts = new CopyOnWriteArrayList<>();
        final Map<String, String> delivered = new ConcurrentHashMap<>();
        final List<OutboundConnector.Outgoing> attempts = new CopyOnWriteArrayList<>();
        final AtomicInteger failPolls = new AtomicInteger();
        final AtomicInteger acceptThenTimeOut = new AtomicInteger();
        final AtomicInteger rateLimit = new AtomicInteger();
        final AtomicInteger refuse = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
    }

    record Post(String id, String author, String email, String text) {
    }

    static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

    /** A connector of kind "fake" on channel "forum" reading the {@link Provider} its account names. */
    static final class FakeConnector implements Connector {

        @Override
        public String kind() {
            return "fake";
        }

        @Override
        public ChannelTraits traits() {
            return new ChannelTraits("forum", true, 500, false, List.of("in reply to the parent post"));
        }

        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("provider", "which fake provider", "p1"), Setting.secret("apiKey", true, "the key"));
        }

        @Override
        public Check check(AccountSettings account) {
            return "k".equals(account.secret("apiKey")) ? Check.failed("the key was refused") : Check.ok("reached " + account.setting("provider", "?"));
        }

        @Override
        public Optional<SourceTask> newTask(AccountSettings account) {
            Provider p = PROVIDERS.get(account.setting("provider", ""));
            return Optional.of(new SourceTask() {
                int next;
                volatile boolean stopped;

                @Override
                public void start(AccountSettings a, String position) {
                    p.starts.incrementAndGet();
                    next = position == null ? 0 : Integer.parseInt(position);
                }

                @Override
                public Polled poll() throws Exception {
                    if (p.failPolls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("provider down (503)");
                    }
                    List<IncomingMessage> out = new ArrayList<>();
                    while (next < p.posts.size() && out.size() < 2) {
                        Post post = p.posts.get(next++);
                        out.add(new IncomingMessage("forum", post.id(), true,
                                new IncomingMessage.Author(post.author(), post.author(), post.email(), 10L, false), post.text(),
                                Instant.now(), null, false, null));
                    }
                    if (out.isEmpty() && !stopped) {
                        Thread.sleep(30);
                    }
                    return new Polled(out, Integer.toString(next), p.posts.size() - next, null);
                }

                @Override
                public void stop() {
                    stopped = true;
                }
            });
        }

        @Override
        public String send(AccountSettings account, OutboundConnector.Outgoing o) throws Exception {
            Provider p = PROVIDERS.get(account.setting("provider", ""));
            p.attempts.add(o);
            if (p.rateLimit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new OutboundConnector.RateLimited("429 Too Many Requests", Instant.now().plusMillis(300));
            }
            if (p.refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new OutboundConnector.Refused("400 recipient unknown");
            }
            String ref = "post-" + o.idempotencyKey();
            p.delivered.merge(o.idempotencyKey(), ref, (a, b) -> a + "+" + b); // a second copy shows as a+b
            if (p.acceptThenTimeOut.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SocketTimeoutException("read timed out after the provider accepted");
            }
            return ref;
        }

        @Override
        public Optional<String> alreadyDelivered(AccountSettings account, OutboundConnector.Outgoing o) {
            return Optional.ofNullable(PROVIDERS.get(account.setting("provider", "")).delivered.get(o.idempotencyKey()));
        }
    }

    @TestConfiguration
    static class Fake {
        @Bean
        FakeConnector fakeConnector() {
            return new FakeConnector();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    String run;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "c" + System.nanoTime() + "-" + SEQ.incrementAndGet();
    }

    private Provider provider() {
        Provider p = new Provider();
        PROVIDERS.put(run, p);
        return p;
    }

    private JsonNode account(String name) {
        Http.Answer a = http.post("/api/v1/channel-accounts", Map.of("kind", "fake", "name", name,
                "settings", Map.of("provider", run), "secrets", Map.of("apiKey", "the-very-secret-" + run)), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.body();
    }

    private String agentToken() {
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", "Agent " + run, "email", run + "@example.com", "role", "agent"), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("token").asString();
    }

    private static void await(String what, BooleanSupplier done) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private int stored(String externalIdPrefix) {
        return jdbc.queryForObject("select count(*) from message where channel = 'forum' and external_id like ?", Integer.class,
                externalIdPrefix + "%");
    }

    private JsonNode conversationOf(String externalId) {
        Long id = jdbc.queryForObject("select conversation_id from message where channel = 'forum' and external_id = ?", Long.class,
                externalId);
        return http.get("/api/v1/conversations/" + id, ADMIN).body();
    }

    @Test
    void secretsAreSealedAtRestAndNeverShown() {
        provider();
        JsonNode created = account("Forum " + run);
        String id = created.get("id").asString();
        assertThat(created.toString()).doesNotContain("the-very-secret-");
        assertThat(created.get("secrets").toString()).contains("apiKey");
        assertThat(http.get("/api/v1/channel-accounts", ADMIN).raw()).doesNotContain("the-very-secret-");
        byte[] sealed = jdbc.queryForObject("select secrets from channel_account where id = ?", byte[].class, Long.parseLong(id));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("the-very-secret-");
        // the same blob under another account does not open: it is bound to its account
        JsonNode other = account("Other " + run);
        jdbc.update("update channel_account set secrets = ? where id = ?", sealed, Long.parseLong(other.get("id").asString()));
        JsonNode check = http.post("/api/v1/channel-accounts/" + other.get("id").asString() + "/check", Map.of(), ADMIN).body();
        assertThat(check.get("ok").asBoolean()).isFalse();
        assertThat(check.get("message").asString()).contains("do not open");
        // the real one checks out, and a secret left out of a change is kept
        assertThat(http.post("/api/v1/channel-accounts/" + id + "/check", Map.of(), ADMIN).get("message").asString()).isEqualTo("reached " + run);
        Http.Answer renamed = http.patch("/api/v1/channel-accounts/" + id, Map.of("name", "Renamed " + run), ADMIN);
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(http.post("/api/v1/channel-accounts/" + id + "/check", Map.of(), ADMIN).get("ok").asBoolean()).isTrue();
        // agents may not see accounts at all
        assertThat(http.get("/api/v1/channel-accounts", agentToken()).status()).isEqualTo(403);
    }

    @Test
    void settingsAreCheckedAgainstTheKind() {
        Http.Answer unknownKind = http.post("/api/v1/channel-accounts", Map.of("kind", "pigeon", "name", "x"), ADMIN);
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.body().get("error").get("field").asString()).isEqualTo("kind");
        assertThat(unknownKind.body().get("error").get("message").asString()).contains("fake");
        Http.Answer missing = http.post("/api/v1/channel-accounts", Map.of("kind", "fake", "name", "x " + run,
                "settings", Map.of("provider", run)), ADMIN);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("error").get("field").asString()).isEqualTo("secrets.apiKey");
        Http.Answer secretInSettings = http.post("/api/v1/channel-accounts", Map.of("kind", "fake", "name", "x " + run,
                "settings", Map.of("provider", run, "apiKey", "oops"), "secrets", Map.of("apiKey", "k2")), ADMIN);
        assertThat(secretInSettings.status()).isEqualTo(400);
        assertThat(secretInSettings.body().get("error").get("field").asString()).isEqualTo("settings.apiKey");
        Http.Answer stray = http.post("/api/v1/channel-accounts", Map.of("kind", "fake", "name", "x " + run,
                "settings", Map.of("provider", run, "colour", "red"), "secrets", Map.of("apiKey", "k2")), ADMIN);
        assertThat(stray.status()).isEqualTo(400);
        assertThat(stray.body().get("error").get("field").asString()).isEqualTo("settings.colour");
        provider();
        account("Twice " + run);
        Http.Answer twice = http.post("/api/v1/channel-accounts", Map.of("kind", "fake", "name", "Twice " + run,
                "settings", Map.of("provider", run), "secrets", Map.of("apiKey", "k2")), ADMIN);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(http.get("/api/v1/channel-accounts/99999999999", ADMIN).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/channel-accounts/99999999999999999999", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void messagesAreStoredOnTheirAccountWithThePositionAndAFailedTaskRestartsWithoutLossOrRepeat() {
        Provider p = provider();
        for (int i = 0; i < 5; i++) {
            p.posts.add(new Post(run + "-" + i, "@fan" + i + run, null, "The app crashes when I open it, post " + i));
        }
        JsonNode acc = account("Forum " + run);
        long id = Long.parseLong(acc.get("id").asString());
        await("five posts stored", () -> stored(run + "-") == 5);
        assertThat(jdbc.queryForObject("select position from channel_account where id = ?", String.class, id)).isEqualTo("5");
        assertThat(jdbc.queryForObject("select count(*) from message where external_id like ? and account_id = ?", Integer.class,
                run + "-%", id)).isEqualTo(5);
        assertThat(conversationOf(run + "-0").get("messages").get(0).get("accountId").asString()).isEqualTo(Long.toString(id));
        assertThat(jdbc.queryForObject("select account_id from conversation where id = (select conversation_id from message "
                + "where external_id = ?)", Long.class, run + "-0")).isEqualTo(id);

        // the provider fails: the error shows on the account, the task is started again with backoff, from the position
        int startsBefore = p.starts.get();
        p.failPolls.set(2);
        await("the failure seen", () -> http.get("/api/v1/channel-accounts/" + id, ADMIN).body().get("health").get("failures").asInt() >= 1);
        JsonNode health = http.get("/api/v1/channel-accounts/" + id, ADMIN).body().get("health");
        assertThat(health.get("lastError").asString()).contains("provider down (503)");
        assertThat(health.get("nextStartAt").isNull()).isFalse();
        for (int i = 5; i < 9; i++) {
            p.posts.add(new Post(run + "-" + i, "@fan" + i + run, null, "Still broken " + i));
        }
        await("nine posts stored", () -> stored(run + "-") == 9);
        assertThat(p.starts.get()).isGreaterThanOrEqualTo(startsBefore + 2);
        await("healthy again", () -> http.get("/api/v1/channel-accounts/" + id, ADMIN).body().get("health").get("failures").asInt() == 0);

        // paused: nothing is heard; resumed: everything that came meanwhile, once
        assertThat(http.post("/api/v1/channel-accounts/" + id + "/pause", Map.of(), ADMIN).get("status").asString()).isEqualTo("paused");
        await("stopped", () -> !http.get("/api/v1/channel-accounts/" + id, ADMIN).body().get("health").get("running").asBoolean());
        for (int i = 9; i < 12; i++) {
            p.posts.add(new Post(run + "-" + i, "@fan" + i + run, null, "Anyone there? " + i));
        }
        sleep(500);
        assertThat(stored(run + "-")).isEqualTo(9);
        http.post("/api/v1/channel-accounts/" + id + "/resume", Map.of(), ADMIN);
        await("twelve posts stored", () -> stored(run + "-") == 12);
        sleep(300);
        assertThat(stored(run + "-")).isEqualTo(12);
        assertThat(jdbc.queryForObject("select count(distinct external_id) from message where external_id like ?", Integer.class,
                run + "-%")).isEqualTo(12);
    }

    @Test
    void anAccountLeasedByAnotherInstanceIsNotRunHereUntilItsLeaseRunsOut() {
        Provider p = provider();
        JsonNode acc = account("Leased " + run);
        long id = Long.parseLong(acc.get("id").asString());
        http.post("/api/v1/channel-accounts/" + id + "/pause", Map.of(), ADMIN);
        await("stopped", () -> !http.get("/api/v1/channel-accounts/" + id, ADMIN).body().get("health").get("running").asBoolean());
        jdbc.update("update channel_account set lease_owner = 'other-instance', lease_until = ? where id = ?",
                System.currentTimeMillis() + 3_600_000, id);
        p.posts.add(new Post(run + "-a", "@leased" + run, null, "hello"));
        jdbc.update("update channel_account set status = 'active' where id = ?", id); // resumed behind this instance's back
        sleep(800);
        assertThat(stored(run + "-")).isZero();
        JsonNode health = http.get("/api/v1/channel-accounts/" + id, ADMIN).body().get("health");
        assertThat(health.get("runningOn").asString()).isEqualTo("other-instance");
        // the other instance died: its lease runs out and this one takes the account over
        jdbc.update("update channel_account set lease_until = ? where id = ?", System.currentTimeMillis() - 1, id);
        await("taken over", () -> stored(run + "-") == 1);
        assertThat(http.get("/api/v1/channel-accounts/" + id, ADMIN).body().get("health").get("runningOn").asString())
                .isNotEqualTo("other-instance");
    }

    @Test
    void aReplyGoesWhereTheMessageItAnswersCameFromAndIsShownOnceWhenTheFirstAttemptTimesOutAfterTheProviderAcceptedIt() {
        Provider p = provider();
        String email = run + "@customer.example";
        // a post through the API on twitter first (no account), then the same customer on the forum account
        Http.Answer tweet = http.post("/api/v1/messages", Map.of("channel", "twitter", "externalId", run + "-tw", "direction", "inbound",
                "author", Map.of("handle", "@ann" + run, "email", email), "text", "My order never arrived",
                "createdAt", Instant.now().minusSeconds(60).toString()), ADMIN);
        assertThat(tweet.status()).as(tweet.raw()).isIn(200, 201, 202);
        long account = Long.parseLong(account("Forum " + run).get("id").asString());
        p.posts.add(new Post(run + "-f1", "ann-on-forum" + run, email, "Writing here too: order 1234 never arrived"));
        await("the forum post stored", () -> stored(run + "-f1") == 1);
        JsonNode c = conversationOf(run + "-f1");
        String conversation = c.get("id").asString();
        assertThat(c.get("messages").size()).as("the tweet and the post are one conversation").isEqualTo(2);
        JsonNode routes = c.get("routes");
        assertThat(routes.get(0).get("channel").asString()).isEqualTo("forum");
        assertThat(routes.get(0).get("accountId").asString()).isEqualTo(Long.toString(account));
        assertThat(routes.get(1).get("channel").asString()).isEqualTo("twitter");

        String agent = agentToken();
        p.acceptThenTimeOut.set(1);
        Http.Answer reply = http.post("/api/v1/conversations/" + conversation + "/replies",
                Map.of("text", "Sorry Ann, I am looking into order 1234 now."), agent);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        String messageId = reply.get("messageId").asString();
        await("delivered", () -> "sent".equals(delivery(conversation, messageId).get("delivery").asString()));
        OutboundConnector.Outgoing first = p.attempts.get(0);
        assertThat(first.accountId()).isEqualTo(account);
        assertThat(first.channel()).isEqualTo("forum");
        assertThat(first.inReplyToExternalId()).isEqualTo(run + "-f1");
        assertThat(first.recipientHandle()).isEqualTo("ann-on-forum" + run);
        assertThat(p.attempts).as("sent once, asked once").hasSize(1);
        assertThat(p.delivered.get("earshot-" + messageId)).as("one copy at the provider").isEqualTo("post-earshot-" + messageId);

        // the agent may answer the tweet instead: that reply is on twitter, through the API's recorder, not the forum
        String tweetId = c.get("messages").get(0).get("id").asString();
        Http.Answer onTwitter = http.post("/api/v1/conversations/" + conversation + "/replies",
                Map.of("text", "Replied on the forum, Ann.", "replyTo", tweetId), agent);
        assertThat(onTwitter.status()).as(onTwitter.raw()).isEqualTo(201);
        await("recorded", () -> "sent".equals(delivery(conversation, onTwitter.get("messageId").asString()).get("delivery").asString()));
        JsonNode twitterReply = delivery(conversation, onTwitter.get("messageId").asString());
        assertThat(twitterReply.get("channel").asString()).isEqualTo("twitter");
        assertThat(twitterReply.get("inReplyTo").asString()).isEqualTo(run + "-tw");
        assertThat(p.attempts).hasSize(1);

        // a reply too long for the route's channel is refused at compose time; a replyTo from elsewhere is named
        Http.Answer tooLong = http.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "x".repeat(501)), agent);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("error").get("message").asString()).contains("500");
        Http.Answer elsewhere = http.post("/api/v1/conversations/" + conversation + "/replies",
                Map.of("text", "hi", "replyTo", messageId), agent);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body().get("error").get("field").asString()).isEqualTo("replyTo");
    }

    @Test
    void aRateLimitDelaysTheReplyAndARefusalIsShownWithItsReasonAndCanBeRetried() {
        Provider p = provider();
        account("Forum " + run);
        p.posts.add(new Post(run + "-r1", "bob" + run, null, "Where is my refund?"));
        await("stored", () -> stored(run + "-r1") == 1);
        String conversation = conversationOf(run + "-r1").get("id").asString();
        String agent = agentToken();

        p.rateLimit.set(1);
        String limited = http.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Checking, Bob."), agent)
                .get("messageId").asString();
        await("sent after the wait", () -> "sent".equals(delivery(conversation, limited).get("delivery").asString()));
        assertThat(p.attempts).hasSize(2);

        p.refuse.set(1);
        String refused = http.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Refund sent, Bob."), agent)
                .get("messageId").asString();
        await("failed", () -> "failed".equals(delivery(conversation, refused).get("delivery").asString()));
        assertThat(delivery(conversation, refused).get("deliveryError").asString()).contains("400 recipient unknown");
        Http.Answer notFailed = http.post("/api/v1/conversations/" + conversation + "/messages/" + limited + "/retry", Map.of(), agent);
        assertThat(notFailed.status()).isEqualTo(409);
        Http.Answer retry = http.post("/api/v1/conversations/" + conversation + "/messages/" + refused + "/retry", Map.of(), agent);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        await("sent on retry", () -> "sent".equals(delivery(conversation, refused).get("delivery").asString()));
        assertThat(p.delivered).hasSize(2);
        JsonNode timeline = http.get("/api/v1/conversations/" + conversation, agent).body().get("events");
        List<String> kinds = new ArrayList<>();
        timeline.forEach(e -> kinds.add(e.get("kind").asString()));
        assertThat(kinds).contains("delivery_retried");
    }

    private JsonNode delivery(String conversation, String messageId) {
        for (JsonNode m : http.get("/api/v1/conversations/" + conversation, ADMIN).body().get("messages")) {
            if (m.get("id").asString().equals(messageId)) {
                return m;
            }
        }
        throw new AssertionError("no message " + messageId + " in conversation " + conversation);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
