package io.earshot.ingest;

/**
 * The outcome of parsing one message item: either a valid {@link IncomingMessage}, or a rejection with an
 * error and, when one field is to blame, that field's dotted API name (for example {@code author.handle}).
 *
 * @param message the valid message, or null when rejected
 * @param field   the API field the rejection is about, or null (when the item as a whole is unreadable, or accepted)
 * @param error   a human-readable reason, or null when accepted
 */
public record ParsedItem(IncomingMessage message, String field, String error) {

    public ParsedItem {
        if ((message == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of message and error must be set");
        }
        if (message != null && field != null) {
            throw new IllegalArgumentException("an accepted item names no field");
        }
    }

    public static ParsedItem accepted(IncomingMessage message) {
        return new ParsedItem(message, null, null);
    }

    public static ParsedItem rejected(String field, String error) {
        return new ParsedItem(null, field, error);
    }

    /** True when the item was accepted and {@link #message()} is set. */
    public boolean ok() {
        return message != null;
    }
}
