package io.earshot.alerting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook calls over real HTTP to a receiver on this machine, with a scripted name lookup: the connection goes to
 * the very address that was checked, and a name that moves into Earshot's network between two lookups (DNS
 * rebinding) is refused, not called.
 */
class WebhookClientTest {

    /** One request as the receiver got it. */
    record Heard(String host, String contentType, String userAgent, String signature, String body) {
    }

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json", "User-Agent", "Earshot-Webhooks/1",
            "X-Earshot-Signature", "sha256=abc");

    private HttpServer receiver;
    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private int port;

    @BeforeEach
    void listen() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            heard.add(new Heard(exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestHeaders().getFirst("X-Earshot-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        port = receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: parsed, never looked up
    }

    @Test
    void aNameThatMovesIntoEarshotsNetworkAfterItsCheckIsRefusedNotCalled() throws Exception {
        // the rebinding attack: a public address for the first lookup, this machine for every later one
        AtomicInteger lookups = new AtomicInteger();
        WebhookResolver resolver = new WebhookResolver(false, host -> new InetAddress[] {
                lookups.incrementAndGet() == 1 ? ip("93.184.215.14") : ip("127.0.0.1")}, Map::of);
        URI hook = URI.create("http://rebind.example:" + port + "/hook");
        assertThat(resolver.refusal(hook, true)).as("the check at registration sees the public address").isEmpty();
        try (WebhookClient client = new WebhookClient(resolver, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.post(hook, HEADERS, "{}")).isInstanceOf(WebhookResolver.Refused.class)
                    .hasMessageContaining("rebind.example is at 127.0.0.1, a loopback address");
        }
        assertThat(lookups).as("the call looked the name up itself, once").hasValue(2);
        assertThat(heard).isEmpty();
    }

    @Test
    void theConnectionGoesToTheAddressTheResolverCheckedAndTheRequestKeepsTheName() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        List<String> asked = new CopyOnWriteArrayList<>();
        // private addresses allowed here, so that the receiver on this machine may be called at all
        WebhookResolver resolver = new WebhookResolver(true, host -> {
            lookups.incrementAndGet();
            asked.add(host);
            return new InetAddress[] {ip("127.0.0.1")};
        }, Map::of);
        try (WebhookClient client = new WebhookClient(resolver, Duration.ofSeconds(5))) {
            // hook.example resolves nowhere but in this resolver: the receiver is reached only through its answer
            assertThat(client.post(URI.create("http://hook.example:" + port + "/hook"), HEADERS, "{\"a\":\"ä\"}")).isEqualTo(204);
            assertThat(client.post(URI.create("http://hook.example:" + port + "/hook"), HEADERS, "{}")).isEqualTo(204);
        }
        assertThat(lookups).as("one lookup per call, each connecting afresh").hasValue(2);
        assertThat(asked).containsOnly("hook.example");
        assertThat(heard).hasSize(2);
        Heard first = heard.get(0);
        assertThat(first.host()).isEqualTo("hook.example:" + port);
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(first.userAgent()).isEqualTo("Earshot-Webhooks/1");
        assertThat(first.signature()).isEqualTo("sha256=abc");
        assertThat(first.body()).isEqualTo("{\"a\":\"ä\"}");
    }

    @Test
    void anAddressLiteralGoesThroughTheSameCheck() throws Exception {
        WebhookResolver resolver = new WebhookResolver(false, InetAddress::getAllByName, WebhookResolver::interfaces);
        try (WebhookClient client = new WebhookClient(resolver, Duration.ofSeconds(5))) {
            for (String url : List.of("http://127.0.0.1:" + port + "/hook", "http://[::ffff:127.0.0.1]:" + port + "/hook",
                    "http://localhost:" + port + "/hook")) {
                assertThatThrownBy(() -> client.post(URI.create(url), HEADERS, "{}")).as(url).isInstanceOf(WebhookResolver.Refused.class)
                        .hasMessageContaining("loopback");
            }
        }
        assertThat(heard).isEmpty();
    }

    @Test
    void aReceiverThatNeverAnswersIsCutOffAtTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, ip("127.0.0.1"));
             WebhookClient client = new WebhookClient(new WebhookResolver(true, InetAddress::getAllByName, Map::of), Duration.ofMillis(700))) {
            Thread accept = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    // sends a status line and then nothing, byte by byte too slowly to finish
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 20; i++) {
                        Thread.sleep(300);
                        s.getOutputStream().write('X');
                        s.getOutputStream().flush();
                    }
                } catch (Exception e) {
                    // the client hung up
                }
            });
            accept.setDaemon(true);
            accept.start();
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/hook"), HEADERS, "{}"))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }
}
