package io.earshot.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Moves a reply from Earshot to a channel. The outbox delivers at least once and must show the customer a reply at
 * most once: before it hands a reply again whose earlier attempt did not finish (it timed out, or Earshot stopped),
 * it asks {@link #alreadyDelivered}; implementations also pass {@link Outgoing#idempotencyKey()} to a provider that
 * takes one.
 */
public interface OutboundConnector {

    /** True when this connector delivers {@code outgoing} (by its account, else by its channel). */
    boolean serves(Outgoing outgoing);

    /** Delivers the reply and returns the provider's id for it; throws to have it retried later. */
    String send(Outgoing outgoing) throws Exception;

    /**
     * The provider's id of {@code outgoing} when the provider already has it (our own Message-ID in the mailbox, the
     * idempotency key), empty when it does not, so sending it again shows it once. Throws when it cannot tell: the
     * attempt is then retried later rather than risk a second copy.
     */
    default Optional<String> alreadyDelivered(Outgoing outgoing) throws Exception {
        return Optional.empty();
    }

    /**
     * A reply on its way out, addressed from the message it answers.
     *
     * @param idempotencyKey stable for the reply across every attempt ("earshot-" and its message id)
     * @param messageId      the reply's message id
     * @param accountId      the channel account it goes out on, or null when the answered message came through the API
     * @param inReplyToExternalId the channel's id of the message it answers, or null
     * @param recipientHandle     who receives it (an address, a handle, a chat visitor)
     * @param subject        the subject of the answered message where the channel has one, else null
     * @param thread         the channel's ids of the conversation's earlier messages on this channel, oldest first (an
     *                       email's References)
     * @param attempt        1 for the first attempt
     */
    record Outgoing(String idempotencyKey, long messageId, Long accountId, String channel, String inReplyToExternalId,
                    String recipientHandle, String text, boolean privateMessage, String subject, List<String> thread,
                    int attempt) {

        public Outgoing {
            thread = thread == null ? List.of() : List.copyOf(thread);
        }
    }

    /** The provider asked us to wait: the attempt is tried again at {@code retryAt} (plus a little jitter). */
    final class RateLimited extends Exception {
        private final transient Instant retryAt;

        public RateLimited(String message, Instant retryAt) {
            super(message);
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }
    }

    /** The provider refused the reply for good (no such recipient, too long): it is not retried. */
    final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }
}
