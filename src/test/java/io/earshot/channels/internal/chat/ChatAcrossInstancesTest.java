package io.earshot.channels.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.EarshotApplication;
import io.earshot.Http;
import io.earshot.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two Earshot instances on one PostgreSQL and one Kafka: a visitor whose chat stream is open on instance B gets, within
 * seconds, a line stored through instance A (the frame's own catch-up read comes only every 20 s), once.
 */
class ChatAcrossInstancesTest {

    private static final String ADMIN = "chat-relay-admin-token";
    private static final String SHOP = "https://shop.example.com";

    private static ConfigurableApplicationContext instance(String url, String kafka) {
        List<String> args = new ArrayList<>(TestPostgres.argsFor(url));
        args.addAll(List.of("--server.port=0", "--earshot.admin-token=" + ADMIN,
                "--earshot.classify.detect-language=false", "--earshot.kafka.bootstrap-servers=" + kafka));
        return new SpringApplicationBuilder(EarshotApplication.class).run(args.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void aLineStoredThroughOneInstanceReachesTheVisitorsStreamOnTheOther() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "earshot.inbox", "earshot.chat");
        broker.afterPropertiesSet();
        String url = TestPostgres.newDatabase("chat_relay");
        try (ConfigurableApplicationContext a = instance(url, broker.getBrokersAsString());
             ConfigurableApplicationContext b = instance(url, broker.getBrokersAsString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(a.getBean(ChatRelay.class).listening() && b.getBean(ChatRelay.class).listening())) {
                assertThat(System.nanoTime()).as("both instances read the chat topic").isLessThan(deadline);
                Thread.sleep(100);
            }
            Http api = new Http(Integer.parseInt(a.getEnvironment().getProperty("local.server.port")));
            Http.Answer account = api.post("/api/v1/channel-accounts", Map.of("kind", "chat", "name", "Shop chat",
                    "settings", Map.of("allowedOrigins", SHOP)), ADMIN);
            assertThat(account.status()).as(account.raw()).isEqualTo(201);
            String chat = "/chat/" + account.get("id").asString();

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create(base(a) + chat + "/visitors"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"origin\":\"" + SHOP + "\",\"name\":\"Ann\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String token = api.json().readTree(started.body()).get("token").asString();

            // the visitor's stream is on B
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            HttpResponse<java.util.stream.Stream<String>> stream = client.send(HttpRequest.newBuilder(URI.create(base(b) + chat + "/stream"))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> {
                try {
                    stream.body().filter(l -> l.startsWith("data:")).forEach(l -> events.add(l.substring(5).trim()));
                } catch (RuntimeException e) {
                    // the stream ends with the instance
                }
            });
            reader.setDaemon(true);
            reader.start();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("connected");

            // the visitor writes through A (their other tab, say): B's stream has it within seconds
            HttpResponse<String> said = client.send(HttpRequest.newBuilder(URI.create(base(a) + chat + "/messages"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Is my order on its way?\",\"id\":\"l-1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(said.statusCode()).as(said.body()).isBetween(200, 201);
            String line = events.poll(5, TimeUnit.SECONDS);
            assertThat(line).as("the line relayed to B").isNotNull().contains("Is my order on its way?").contains("\"from\":\"visitor\"");
            assertThat(events.poll(2, TimeUnit.SECONDS)).as("once").isNull();
        }
    }
}
