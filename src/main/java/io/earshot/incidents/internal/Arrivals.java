package io.earshot.incidents.internal;

import io.earshot.conversation.MessagesStored;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Inbound messages were stored: the open incidents' sweeps ({@link Sweep#heard}) are armed, in the storing
 * transaction, so that they exist exactly when the messages they will look at do.
 */
@Component
class Arrivals {

    private final Sweep sweep;

    Arrivals(Sweep sweep) {
        this.sweep = sweep;
    }

    @EventListener
    void stored(MessagesStored event) {
        if (event.created() > 0 && event.messages().stream().anyMatch(MessagesStored.StoredMessage::inbound)) {
            sweep.heard();
        }
    }
}
