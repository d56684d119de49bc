package io.earshot.followup;

import java.time.Instant;

/**
 * A promise made to a customer, with a due time, an owner and a state ({@code open}, {@code kept},
 * {@code broken}).
 *
 * @param owner       id of the agent who made it (for a reply that came in through ingest, the conversation's
 *                    assignee then); null when nobody owns it
 * @param kind        {@code update}, {@code callback}, {@code refund}, {@code fix}, {@code ship} or {@code other}
 * @param when        the words that set the due time ("within 24 hours"), null for the default
 * @param source      {@code reply} (found in an agent's reply), {@code manual} (typed by hand), {@code ingest}
 *                    (found in a company reply that came in through ingest) or {@code cadence} (the next of a
 *                    recurring promise)
 * @param keptBy      id of the agent who marked it kept, or whose reply kept it; null while it is not kept, and
 *                    when no agent kept it through Earshot (a reply that came in through ingest)
 * @param keptByName  that agent's name
 * @param draftUpdate a status update for the customer, ready to send, while the promise is open or broken
 * @param cadence     for a recurring promise ("every 2 hours until it's fixed"), seconds between one and the next;
 *                    null for a one-off
 */
public record Commitment(String id, String conversationId, String owner, String ownerName, String text, String kind,
                         String when, String source, String messageId, Instant saidAt, Instant dueAt, String state,
                         Instant keptAt, String keptBy, String keptByName, Instant brokenAt, String draftUpdate, Long cadence) {
}
