package io.earshot.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound client connects where its resolver's check allows, nowhere else: a name that answers an internal
 * address when the connection is made (DNS rebinding: it answered a public one to an earlier check) is refused and
 * nothing reaches the server; answers are capped; a slow one is cut off.
 */
class OutboundHttpTest {

    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", x -> {
            hits.incrementAndGet();
            byte[] b = "{\"id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Retry-After", "7");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.createContext("/big", x -> {
            hits.incrementAndGet();
            x.sendResponseHeaders(200, 0); // chunked: no length declared, the cap is found by reading
            byte[] kb = new byte[1024];
            for (int i = 0; i < 64; i++) {
                x.getResponseBody().write(kb);
            }
            x.close();
        });
        server.createContext("/slow", x -> {
            hits.incrementAndGet();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI at(String path) {
        return URI.create("http://receiver.example:" + server.getAddress().getPort() + path);
    }

    /** A resolver for which receiver.example is {@code address}, with no interface addresses of its own. */
    static CheckedAddresses answering(boolean allowPrivate, String address) {
        return new CheckedAddresses(allowPrivate, "earshot.test.private-addresses",
                host -> new InetAddress[] {InetAddress.getByName(address)}, Map::of);
    }

    @Test
    void aNameThatAnswersAnInternalAddressWhenConnectingIsRefusedAndNothingIsSent() {
        try (OutboundHttp http = new OutboundHttp(answering(false, "127.0.0.1"), Duration.ofSeconds(5), "test")) {
            assertThatThrownBy(() -> http.post(at("/ok"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8), "application/json", 1000))
                    .isInstanceOf(CheckedAddresses.Refused.class)
                    .hasMessageContaining("receiver.example is at 127.0.0.1").hasMessageContaining("earshot.test.private-addresses");
        }
        assertThat(hits).hasValue(0);
    }

    @Test
    void allowedTheCallGoesToTheCheckedAddressWithItsHeadersAndBody() throws Exception {
        try (OutboundHttp http = new OutboundHttp(answering(true, "127.0.0.1"), Duration.ofSeconds(5), "test")) {
            OutboundHttp.Answer a = http.get(at("/ok"), Map.of("Accept", "application/json"), 1000);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.complete()).isTrue();
            assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"r-1\"}");
            assertThat(a.header("retry-after")).contains("7");
            OutboundHttp.Answer status = http.post(at("/ok"), Map.of(), new byte[0], "application/json", 0);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body()).isEmpty();
        }
        assertThat(hits).hasValue(2);
    }

    @Test
    void anAnswerOverTheCapIsNotKeptAndASlowOneIsCutOff() throws Exception {
        try (OutboundHttp http = new OutboundHttp(answering(true, "127.0.0.1"), Duration.ofMillis(500), "test")) {
            OutboundHttp.Answer big = http.get(at("/big"), Map.of(), 10_000);
            assertThat(big.status()).isEqualTo(200);
            assertThat(big.complete()).isFalse();
            assertThat(big.body()).isEmpty();
            assertThatThrownBy(() -> http.get(at("/slow"), Map.of(), 1000)).isInstanceOf(HttpTimeoutException.class);
        }
    }
}
