package io.earshot.channels;

import io.earshot.ingest.IncomingMessage;
import java.time.Instant;
import java.util.List;

/**
 * What one {@link SourceTask#poll()} produced: new messages, edits of messages stored before, the position after them
 * (committed in the same transaction that stores them, with the task's own bookkeeping), how many more wait at the
 * provider, and whether the provider asked us to slow down.
 *
 * @param position         the position after these messages; null keeps the stored one
 * @param backlog          messages known to wait at the provider, 0 when none or unknown
 * @param rateLimitedUntil when the provider allows the next call, null when it set no limit
 * @param edits            messages stored before whose text the author changed at the source
 *                         ({@link io.earshot.conversation.Intake#edit}); keyed by channel and external id
 * @param bookkeeping      what the task records of its own (a feed's seen entries), run in the transaction that stores
 *                         the messages, so that a restart neither skips nor repeats; null for nothing
 */
public record Polled(List<IncomingMessage> messages, String position, int backlog, Instant rateLimitedUntil,
                     List<IncomingMessage> edits, Runnable bookkeeping) {

    public Polled {
        messages = List.copyOf(messages);
        edits = edits == null ? List.of() : List.copyOf(edits);
    }

    public Polled(List<IncomingMessage> messages, String position, int backlog, Instant rateLimitedUntil) {
        this(messages, position, backlog, rateLimitedUntil, List.of(), null);
    }

    /** Nothing new; the position stays. */
    public static Polled nothing() {
        return new Polled(List.of(), null, 0, null);
    }

    public static Polled of(List<IncomingMessage> messages, String position) {
        return new Polled(messages, position, 0, null);
    }
}
