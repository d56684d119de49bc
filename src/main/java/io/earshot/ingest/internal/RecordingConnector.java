package io.earshot.ingest.internal;

import io.earshot.ingest.OutboundConnector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The connector for replies to messages that came through the API, with no channel account: Earshot has no way to
 * reach the channel, so it records the delivery (the system that posted the message picks the reply up from the
 * API or a webhook) and answers with a stable reference. A reply on an account always goes to that account's
 * connector, never here.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class RecordingConnector implements OutboundConnector {

    @Override
    public boolean serves(Outgoing outgoing) {
        return outgoing.accountId() == null;
    }

    @Override
    public String send(Outgoing outgoing) {
        // the reference is derived from the idempotency key, so handing the same reply again changes nothing
        return "recorded:" + outgoing.idempotencyKey();
    }
}
