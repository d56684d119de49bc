package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.EarshotApplication;
import io.earshot.Http;
import io.earshot.TestPostgres;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two Earshot instances on one PostgreSQL and one Kafka (the embedded KRaft broker): a message stored through one
 * instance is pushed to an inbox open on the other.
 */
class InboxAcrossInstancesTest {

    private static final String ADMIN = "relay-admin-token";

    private static ConfigurableApplicationContext instance(String url, String kafka) {
        java.util.List<String> args = new java.util.ArrayList<>(TestPostgres.argsFor(url));
        args.addAll(java.util.List.of("--server.port=0", "--earshot.admin-token=" + ADMIN,
                "--earshot.classify.detect-language=false", "--earshot.kafka.bootstrap-servers=" + kafka));
        return new SpringApplicationBuilder(EarshotApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aMessageStoredThroughOneInstanceReachesAnInboxOpenOnTheOther() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "earshot.inbox");
        broker.afterPropertiesSet();
        String url = TestPostgres.newDatabase("relay");
        try (ConfigurableApplicationContext a = instance(url, broker.getBrokersAsString());
             ConfigurableApplicationContext b = instance(url, broker.getBrokersAsString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(a.getBean(InboxRelay.class).listening() && b.getBean(InboxRelay.class).listening())) {
                assertThat(System.nanoTime()).as("both instances read the inbox topic").isLessThan(deadline);
                Thread.sleep(100);
            }
            Http apiA = new Http(port(a));
            Http.Answer agent = apiA.post("/api/v1/agents", Map.of("name", "Rae", "email", "rae@example.com", "role", "agent",
                    "password", "relay password 1"), ADMIN);
            assertThat(agent.status()).as(agent.raw()).isEqualTo(201);

            // an agent signed in on instance B, with the inbox's event stream open
            String baseB = "http://127.0.0.1:" + port(b);
            HttpClient desk = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            String form = desk.send(HttpRequest.newBuilder(URI.create(baseB + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> signedIn = desk.send(HttpRequest.newBuilder(URI.create(baseB + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=rae%40example.com&password=" + URLEncoder.encode("relay password 1",
                            StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/inbox");
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            HttpResponse<java.util.stream.Stream<String>> stream = desk.send(HttpRequest.newBuilder(URI.create(baseB + "/inbox/stream"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> {
                try {
                    stream.body().filter(l -> l.startsWith("event:")).forEach(l -> events.add(l.substring(6).trim()));
                } catch (RuntimeException e) {
                    // the stream ends with the instance
                }
            });
            reader.setDaemon(true);
            reader.start();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");

            Http.Answer stored = apiA.post("/api/v1/messages", Map.of("channel", "twitter", "externalId", "relay-1", "direction", "inbound",
                    "author", Map.of("handle", "far_away"), "text", "Is anyone there? My order is late", "createdAt",
                    Instant.now().toString()), ADMIN);
            assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
            assertThat(events.poll(10, TimeUnit.SECONDS)).as("instance B pushed the message stored through A").isEqualTo("inbox");
            assertThat(List.of(port(a), port(b))).doesNotHaveDuplicates();
        } finally {
            broker.destroy();
        }
    }
}
