package io.earshot.followup.internal;

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
 */
public record FoundPromise(String kind, String sentence, Instant dueAt, String when) {

    public static final String UPDATE = "update";
    public static final String CALLBACK = "callback";
    public static final String REFUND = "refund";
    public static final String FIX = "fix";
    public static final String SHIP = "ship";
    public static final String OTHER = "other";
}
