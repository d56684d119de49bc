package io.earshot.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The fallback connector for every channel without a real one yet: it records the delivery and answers
 * with a stable reference, so the outbox, retries and the timeline work end to end.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RecordingConnector implements OutboundConnector {

    private final Map<String, String> delivered = new ConcurrentHashMap<>();

    @Override
    public boolean serves(String channel) {
        return true;
    }

    @Override
    public String send(Outgoing outgoing) {
        return delivered.computeIfAbsent(outgoing.idempotencyKey(), k -> "recorded:" + k);
    }
}
