package io.earshot.ingest;

/**
 * Moves a reply from Earshot to a channel. Implementations must be idempotent on {@link Outgoing#idempotencyKey()}:
 * the outbox may hand the same reply again after a crash, and the customer must not receive it twice.
 */
public interface OutboundConnector {

    /** The channels this connector serves (wire names). */
    boolean serves(String channel);

    /** Delivers the reply and returns the channel's reference for it; throws to have it retried later. */
    String send(Outgoing outgoing) throws Exception;

    /** A reply on its way out. */
    record Outgoing(String idempotencyKey, String channel, String inReplyToExternalId, String recipientHandle,
                    String text, boolean privateMessage) {
    }
}
