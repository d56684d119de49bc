package io.earshot.ingest;

import java.time.Instant;

/**
 * One message as it arrives, in the shape of the API's item, already validated.
 *
 * @param channel    one of {@link Channel}'s wire names
 * @param externalId the id the channel gave it; unique per channel
 * @param inbound    true for a message from the public, false for one from the company
 * @param inReplyTo  externalId of the parent message on the same channel, or null
 */
public record IncomingMessage(
        String channel,
        String externalId,
        boolean inbound,
        Author author,
        String text,
        Instant createdAt,
        String inReplyTo,
        boolean privateMessage,
        String url) {

    /** Who wrote it. Only {@code handle} is required. */
    public record Author(String handle, String name, String email, Long followers, Boolean verified) {
    }
}
