package io.earshot.channels;

import io.earshot.ingest.IncomingMessage;
import java.time.Instant;
import java.util.List;

/**
 * What one {@link SourceTask#poll()} produced: new messages, the position after them (committed in the same
 * transaction that stores them), how many more wait at the provider, and whether the provider asked us to slow down.
 *
 * @param position         the position after these messages; null keeps the stored one
 * @param backlog          messages known to wait at the provider, 0 when none or unknown
 * @param rateLimitedUntil when the provider allows the next call, null when it set no limit
 */
public record Polled(List<IncomingMessage> messages, String position, int backlog, Instant rateLimitedUntil) {

    public Polled {
        messages = List.copyOf(messages);
    }

    /** Nothing new; the position stays. */
    public static Polled nothing() {
        return new Polled(List.of(), null, 0, null);
    }

    public static Polled of(List<IncomingMessage> messages, String position) {
        return new Polled(messages, position, 0, null);
    }
}
