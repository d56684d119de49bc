package io.earshot.channels.internal.feed;

import tools.jackson.databind.ObjectMapper;

/**
 * Where a feed account is: the validators of the last feed read (for a conditional GET) and, after a 429 or 503, the
 * time the server allows the next fetch. Stored as JSON in the account's position, with the entries it stored.
 *
 * @param etag         the last 200's ETag, null when it had none
 * @param lastModified the last 200's Last-Modified, null when it had none
 * @param notBefore    epoch millis (application clock) before which the feed is not fetched again; null for none
 */
record FeedPosition(String etag, String lastModified, Long notBefore) {

    static final FeedPosition START = new FeedPosition(null, null, null);

    /** The position stored as {@code text}; from the start when there is none or it cannot be read. */
    static FeedPosition read(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        try {
            return json.readValue(text, FeedPosition.class);
        } catch (RuntimeException e) {
            return START;
        }
    }

    String write(ObjectMapper json) {
        return json.writeValueAsString(this);
    }

    FeedPosition waitingUntil(Long at) {
        return new FeedPosition(etag, lastModified, at);
    }
}
