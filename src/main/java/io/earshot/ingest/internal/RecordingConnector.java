package io.earshot.ingest.internal;

import io.earshot.ingest.OutboundConnector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The fallback connector for every channel without a real one yet: it records the delivery and answers
 * with a stable reference, so the outbox, retries and the timeline work end to end.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class RecordingConnector implements OutboundConnector {

    @Override
    public boolean serves(String channel) {
        return true;
    }

    @Override
    public String send(Outgoing outgoing) {
        // the reference is derived from the idempotency key, so handing the same reply again changes nothing
        return "recorded:" + outgoing.idempotencyKey();
    }
}
