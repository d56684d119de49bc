package io.earshot.ingest;

import io.earshot.platform.Texts;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Validates one {@code POST /messages} item and turns it into an {@link IncomingMessage}.
 *
 * <p>The item shape is {@code {channel, externalId, direction, author: {handle, name?, email?, followers?,
 * verified?}, text, createdAt, inReplyTo?, private?, url?}}. The first broken rule rejects the item with an
 * error naming the field by its dotted API name. Unknown fields are ignored (the API may be extended). A JSON
 * {@code null} counts as absent. Texts are kept exactly as sent.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageItemParser {

    static final int MAX_ID_CHARS = 200;
    static final int MAX_HANDLE_CHARS = 200;
    static final int MAX_NAME_CHARS = 200;
    static final int MAX_EMAIL_CHARS = 320;
    static final int MAX_URL_CHARS = 2000;

    private static final String ALLOWED_CHANNELS = Arrays.stream(Channel.values())
            .map(Channel::wireName)
            .collect(Collectors.joining(", "));

    private final IngestLimits limits;
    private final Clock clock;

    public MessageItemParser(IngestLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IngestLimits limits() {
        return limits;
    }

    /** Parses one item; never throws for bad input, it returns a rejection instead. */
    public ParsedItem parse(JsonNode item) {
        if (item == null || !item.isObject()) {
            return ParsedItem.rejected(null, "item must be a JSON object");
        }
        try {
            return ParsedItem.accepted(read(item));
        } catch (Rejection r) {
            return ParsedItem.rejected(r.field, r.getMessage());
        }
    }

    private IncomingMessage read(JsonNode item) {
        String channel = channel(item.get("channel"));
        String externalId = id(item.get("externalId"), "externalId", true);
        boolean inbound = direction(item.get("direction"));
        IncomingMessage.Author author = author(item.get("author"));
        String text = text(item.get("text"));
        Instant createdAt = createdAt(item.get("createdAt"));
        String inReplyTo = id(item.get("inReplyTo"), "inReplyTo", false);
        Boolean privateMessage = optionalBoolean(item.get("private"), "private");
        String url = optionalString(item.get("url"), "url", MAX_URL_CHARS);
        if (url != null && url.isBlank()) {
            url = null;
        }
        return new IncomingMessage(channel, externalId, inbound, author, text, createdAt, inReplyTo,
                Boolean.TRUE.equals(privateMessage), url);
    }

    private static String channel(JsonNode node) {
        if (absent(node)) {
            throw new Rejection("channel", "channel is required (one of " + ALLOWED_CHANNELS + ")");
        }
        if (!node.isString() || Channel.fromWire(node.stringValue()).isEmpty()) {
            throw new Rejection("channel", "channel must be one of " + ALLOWED_CHANNELS);
        }
        return node.stringValue();
    }

    /** A string, or an integral JSON number taken in its decimal form. Blank strings count as absent when optional. */
    private static String id(JsonNode node, String field, boolean required) {
        if (absent(node)) {
            if (required) {
                throw new Rejection(field, field + " is required");
            }
            return null;
        }
        String value;
        if (node.isString()) {
            value = node.stringValue();
        } else if (node.isIntegralNumber()) {
            value = node.bigIntegerValue().toString();
        } else {
            throw new Rejection(field, field + " must be a string or an integer");
        }
        if (value.isBlank()) {
            if (required) {
                throw new Rejection(field, field + " must not be blank");
            }
            return null;
        }
        String problem = Texts.problem(value);
        if (problem != null) {
            throw new Rejection(field, field + " " + problem);
        }
        if (value.length() > MAX_ID_CHARS) {
            throw new Rejection(field, field + " must be at most " + MAX_ID_CHARS + " characters");
        }
        return value;
    }

    private static boolean direction(JsonNode node) {
        if (absent(node)) {
            throw new Rejection("direction", "direction is required (inbound or outbound)");
        }
        if (node.isString()) {
            switch (node.stringValue()) {
                case "inbound":
                    return true;
                case "outbound":
                    return false;
                default:
                    break;
            }
        }
        throw new Rejection("direction", "direction must be inbound or outbound");
    }

    private static IncomingMessage.Author author(JsonNode node) {
        if (absent(node)) {
            throw new Rejection("author", "author is required");
        }
        if (!node.isObject()) {
            throw new Rejection("author", "author must be an object");
        }
        String handle = requiredString(node.get("handle"), "author.handle", MAX_HANDLE_CHARS);
        String name = optionalString(node.get("name"), "author.name", MAX_NAME_CHARS);
        String email = email(node.get("email"));
        Long followers = followers(node.get("followers"));
        Boolean verified = optionalBoolean(node.get("verified"), "author.verified");
        return new IncomingMessage.Author(handle, name, email, followers, verified);
    }

    private static String email(JsonNode node) {
        String value = optionalString(node, "author.email", MAX_EMAIL_CHARS);
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        boolean looksLikeEmail = at > 0 && at == value.lastIndexOf('@') && at < value.length() - 1
                && value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (!looksLikeEmail) {
            throw new Rejection("author.email", "author.email must be an email address like name@example.com");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static Long followers(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new Rejection("author.followers", "author.followers must be a non-negative integer");
        }
        return node.longValue();
    }

    private String text(JsonNode node) {
        if (absent(node)) {
            throw new Rejection("text", "text is required");
        }
        if (!node.isString()) {
            throw new Rejection("text", "text must be a string");
        }
        // PostgreSQL's text cannot hold NUL or half a surrogate pair: in a customer's words they become U+FFFD
        // rather than losing the message
        String text = Texts.storable(node.stringValue());
        if (text.isBlank()) {
            throw new Rejection("text", "text must not be blank");
        }
        int max = limits.maxTextChars();
        if (text.length() > max && text.codePointCount(0, text.length()) > max) {
            throw new Rejection("text", "text must be at most " + max + " characters");
        }
        return text;
    }

    private Instant createdAt(JsonNode node) {
        if (absent(node)) {
            throw new Rejection("createdAt", "createdAt is required");
        }
        if (!node.isString()) {
            throw new Rejection("createdAt", "createdAt must be an ISO-8601 string");
        }
        Instant createdAt = io.earshot.platform.Instants.parse(node.stringValue()).orElseThrow(() -> new Rejection("createdAt",
                "createdAt must be an ISO-8601 timestamp with a zone offset from 1970 to 2999, like 2017-10-31T22:10:47Z"));
        Instant latest = clock.instant().plus(limits.maxClockSkew());
        if (createdAt.isAfter(latest)) {
            throw new Rejection("createdAt",
                    "createdAt is in the future (more than " + limits.maxClockSkew() + " ahead of the server clock)");
        }
        return createdAt;
    }

    private static String requiredString(JsonNode node, String field, int maxChars) {
        String value = optionalString(node, field, maxChars);
        if (value == null) {
            throw new Rejection(field, field + " is required");
        }
        if (value.isBlank()) {
            throw new Rejection(field, field + " must not be blank");
        }
        return value;
    }

    /** A string of at most {@code maxChars} characters (0 = no limit), or null when absent. */
    private static String optionalString(JsonNode node, String field, int maxChars) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw new Rejection(field, field + " must be a string");
        }
        String value = node.stringValue();
        String problem = Texts.problem(value);
        if (problem != null) {
            throw new Rejection(field, field + " " + problem);
        }
        if (maxChars > 0 && value.length() > maxChars) {
            throw new Rejection(field, field + " must be at most " + maxChars + " characters");
        }
        return value;
    }

    private static Boolean optionalBoolean(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new Rejection(field, field + " must be true or false");
        }
        return node.booleanValue();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Carries a rejection out of the field readers; cheap, no stack trace. */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient String field;

        Rejection(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
