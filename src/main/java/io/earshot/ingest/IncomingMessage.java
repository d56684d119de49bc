package io.earshot.ingest;

import java.time.Instant;

/**
 * One message as it arrives, in the shape of the API's item, already validated.
 *
 * @param channel      one of {@link Channel}'s wire names
 * @param externalId   the id the channel gave it; unique per channel
 * @param inbound      true for a message from the public, false for one from the company
 * @param inReplyTo    externalId of the parent message on the same channel, or null
 * @param accountId    the channel account it came in on (a mailbox, a chat widget), or null when it was posted to the API
 * @param replyAddress where an answer to it goes when that is not the author's handle (an email's Reply-To), or null
 * @param subject      its subject where the channel has one (email), or null
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
        String url,
        Long accountId,
        String replyAddress,
        String subject) {

    /** A message posted to the API, with no account. */
    public IncomingMessage(String channel, String externalId, boolean inbound, Author author, String text, Instant createdAt,
                           String inReplyTo, boolean privateMessage, String url) {
        this(channel, externalId, inbound, author, text, createdAt, inReplyTo, privateMessage, url, null, null, null);
    }

    /** This message, as heard on the channel account {@code id}. */
    public IncomingMessage onAccount(long id) {
        return new IncomingMessage(channel, externalId, inbound, author, text, createdAt, inReplyTo, privateMessage, url, id,
                replyAddress, subject);
    }

    /** Who wrote it. Only {@code handle} is required. */
    public record Author(String handle, String name, String email, Long followers, Boolean verified) {
    }
}
