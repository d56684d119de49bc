package io.earshot.followup.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One promise found in an agent's reply.
 *
 * @param kind     {@code update}, {@code callback}, {@code refund} (also credit, reimbursement, compensation),
 *                 {@code fix}, {@code ship} or {@code other}
 * @param sentence the sentence the promise was read from, trimmed
 * @param dueAt    when the promise falls due
 * @param when     the time phrase that set {@code dueAt} (e.g. "within 24 hours"), or null when the default
 *                 "soon" applied
 * @param doubt    why the due date may not be what the agent meant, for the agent to check before sending, or null:
 *                 e.g. a time named for today that has already passed when the reply is written
 * @param cadence  how often a recurring promise comes round ("we'll update you every 2 hours until it's fixed"), or
 *                 null for a one-off; the first is due one cadence after it was said
 */
public record FoundPromise(String kind, String sentence, Instant dueAt, String when, String doubt, Duration cadence) {

    /** A promise read with no doubt about its date. */
    public FoundPromise(String kind, String sentence, Instant dueAt, String when) {
        this(kind, sentence, dueAt, when, null, null);
    }

    /** A one-off promise. */
    public FoundPromise(String kind, String sentence, Instant dueAt, String when, String doubt) {
        this(kind, sentence, dueAt, when, doubt, null);
    }

    public static final String UPDATE = "update";
    public static final String CALLBACK = "callback";
    public static final String REFUND = "refund";
    public static final String FIX = "fix";
    public static final String SHIP = "ship";
    public static final String OTHER = "other";

    /** Of two promises of one kind in one reply, the one to track: the one with a stated time, of two such the earlier. */
    public static FoundPromise firmer(FoundPromise a, FoundPromise b) {
        if (a.when() == null) {
            return b.when() == null ? a : b;
        }
        if (b.when() == null) {
            return a;
        }
        return b.dueAt().isBefore(a.dueAt()) ? b : a;
    }
}
