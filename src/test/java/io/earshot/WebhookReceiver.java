package io.earshot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server standing in for a team's webhook receiver. It answers each delivery's n-th request with
 * the status {@code answer} gives for n (1-based), and keeps every request it got.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String delivery, String event, String timestamp, String signature, String body, int answeredWith) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> perDelivery = new ConcurrentHashMap<>();

    public WebhookReceiver(IntUnaryOperator answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String delivery = exchange.getRequestHeaders().getFirst("X-Earshot-Delivery");
            int n = perDelivery.computeIfAbsent(String.valueOf(delivery), k -> new AtomicInteger()).incrementAndGet();
            int status = answer.applyAsInt(n);
            received.add(new Received(delivery, exchange.getRequestHeaders().getFirst("X-Earshot-Event"),
                    exchange.getRequestHeaders().getFirst("X-Earshot-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Earshot-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
