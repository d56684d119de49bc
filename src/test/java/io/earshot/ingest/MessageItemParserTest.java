package io.earshot.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MessageItemParserTest {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageItemParser parser =
            new MessageItemParser(IngestLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    static ObjectNode validItem() {
        return (ObjectNode) JSON.readTree("""
                {"channel": "twitter", "externalId": "1001", "direction": "inbound",
                 "author": {"handle": "@ann", "name": "Ann", "email": "Ann@Example.COM", "followers": 1200,
                            "verified": true},
                 "text": "My player freezes", "createdAt": "2024-05-01T11:58:00Z",
                 "inReplyTo": "1000", "private": false, "url": "https://x.example/1001", "extra": "ignored"}
                """);
    }

    @Test
    void acceptsAFullItem() {
        ParsedItem parsed = parser.parse(validItem());

        assertTrue(parsed.ok(), parsed::error);
        IncomingMessage m = parsed.message();
        assertEquals("twitter", m.channel());
        assertEquals("1001", m.externalId());
        assertTrue(m.inbound());
        assertEquals(new IncomingMessage.Author("@ann", "Ann", "ann@example.com", 1200L, true), m.author());
        assertEquals("My player freezes", m.text());
        assertEquals(Instant.parse("2024-05-01T11:58:00Z"), m.createdAt());
        assertEquals("1000", m.inReplyTo());
        assertFalse(m.privateMessage());
        assertEquals("https://x.example/1001", m.url());
        assertNull(parsed.field());
        assertNull(parsed.error());
    }

    @Test
    void acceptsAMinimalItem() {
        ParsedItem parsed = parser.parse(JSON.readTree("""
                {"channel": "email", "externalId": "m-1", "direction": "outbound", "author": {"handle": "desk"},
                 "text": "Hi", "createdAt": "2024-05-01T10:00:00Z"}
                """));

        assertTrue(parsed.ok(), parsed::error);
        assertFalse(parsed.message().inbound());
        assertEquals(new IncomingMessage.Author("desk", null, null, null, null), parsed.message().author());
        assertNull(parsed.message().inReplyTo());
        assertFalse(parsed.message().privateMessage());
        assertNull(parsed.message().url());
    }

    /** path | JSON value to put there, or "-" to remove the field | expected field | expected error part. */
    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            channel          | -                  | channel          | channel is required
            channel          | "myspace"          | channel          | channel must be one of twitter, facebook, instagram, bluesky, mastodon, reddit, email, chat, forum, blog, review, other
            channel          | "Twitter"          | channel          | channel must be one of
            channel          | 3                  | channel          | channel must be one of
            externalId       | -                  | externalId       | externalId is required
            externalId       | null               | externalId       | externalId is required
            externalId       | "  "               | externalId       | externalId must not be blank
            externalId       | 1.5                | externalId       | externalId must be a string or an integer
            externalId       | {}                 | externalId       | externalId must be a string or an integer
            direction        | -                  | direction        | direction is required
            direction        | "in"               | direction        | direction must be inbound or outbound
            direction        | true               | direction        | direction must be inbound or outbound
            author           | -                  | author           | author is required
            author           | "ann"              | author           | author must be an object
            author.handle    | -                  | author.handle    | author.handle is required
            author.handle    | ""                 | author.handle    | author.handle must not be blank
            author.handle    | 42                 | author.handle    | author.handle must be a string
            author.name      | 7                  | author.name      | author.name must be a string
            author.email     | "ann.example.com"  | author.email     | author.email must be an email address
            author.email     | "a@b@example.com"  | author.email     | author.email must be an email address
            author.email     | "ann @example.com" | author.email     | author.email must be an email address
            author.email     | "@example.com"     | author.email     | author.email must be an email address
            author.followers | -1                 | author.followers | author.followers must be a non-negative integer
            author.followers | 1.5                | author.followers | author.followers must be a non-negative integer
            author.followers | "12"               | author.followers | author.followers must be a non-negative integer
            author.followers | 99999999999999999999999 | author.followers | author.followers must be a non-negative integer
            author.verified  | "yes"              | author.verified  | author.verified must be true or false
            text             | -                  | text             | text is required
            text             | ""                 | text             | text must not be blank
            text             | " \\n\\t "         | text             | text must not be blank
            text             | 12                 | text             | text must be a string
            createdAt        | -                  | createdAt        | createdAt is required
            createdAt        | "2024-05-01T11:58:00" | createdAt     | createdAt must be an ISO-8601 timestamp with a zone offset
            createdAt        | "2024-05-01"       | createdAt        | createdAt must be an ISO-8601 timestamp
            createdAt        | "yesterday"        | createdAt        | createdAt must be an ISO-8601 timestamp
            createdAt        | 1714564680         | createdAt        | createdAt must be an ISO-8601 string
            inReplyTo        | true               | inReplyTo        | inReplyTo must be a string or an integer
            private          | "no"               | private          | private must be true or false
            url              | 5                  | url              | url must be a string
            """)
    void rejectsNamingTheField(String path, String value, String field, String error) {
        ObjectNode item = validItem();
        String[] parts = path.split("\\.");
        ObjectNode parent = parts.length == 1 ? item : (ObjectNode) item.get(parts[0]);
        String name = parts[parts.length - 1];
        if (value.equals("-")) {
            parent.remove(name);
        } else {
            parent.set(name, JSON.readTree(value));
        }

        ParsedItem parsed = parser.parse(item);

        assertFalse(parsed.ok());
        assertNull(parsed.message());
        assertEquals(field, parsed.field());
        assertTrue(parsed.error().startsWith(error), () -> "error was: " + parsed.error());
    }

    @Test
    void rejectsAnItemThatIsNotAnObject() {
        ParsedItem parsed = parser.parse(JSON.readTree("[1, 2]"));

        assertFalse(parsed.ok());
        assertNull(parsed.field());
        assertEquals("item must be a JSON object", parsed.error());
        assertFalse(parser.parse(null).ok());
    }

    @Test
    void rejectsOverlongIdsHandlesAndUrls() {
        assertRejected("externalId", "x".repeat(201), "externalId must be at most 200 characters");
        assertRejected("inReplyTo", "x".repeat(201), "inReplyTo must be at most 200 characters");
        assertRejected("url", "u".repeat(2001), "url must be at most 2000 characters");
        ObjectNode item = validItem();
        ((ObjectNode) item.get("author")).put("handle", "h".repeat(201));
        assertEquals("author.handle must be at most 200 characters", parser.parse(item).error());

        ObjectNode longest = validItem();
        longest.put("externalId", "x".repeat(200));
        longest.put("url", "u".repeat(2000));
        assertTrue(parser.parse(longest).ok());
    }

    private void assertRejected(String field, String value, String error) {
        ObjectNode item = validItem();
        item.put(field, value);
        ParsedItem parsed = parser.parse(item);
        assertEquals(field, parsed.field());
        assertEquals(error, parsed.error());
    }

    @Test
    void rejectsATwoMegabyteText() {
        ObjectNode item = validItem();
        item.put("text", "a".repeat(2 * 1024 * 1024));

        ParsedItem parsed = parser.parse(item);

        assertFalse(parsed.ok());
        assertEquals("text", parsed.field());
        assertEquals("text must be at most 20000 characters", parsed.error());
    }

    @Test
    void countsTextLengthInCharactersNotUtf16Units() {
        ObjectNode item = validItem();
        item.put("text", "\uD83D\uDE00".repeat(20_000)); // 20,000 emoji = 40,000 UTF-16 units
        assertTrue(parser.parse(item).ok());

        item.put("text", "\uD83D\uDE00".repeat(20_001));
        assertEquals("text", parser.parse(item).field());
    }

    @Test
    void honoursAConfiguredTextLimit() {
        MessageItemParser small = new MessageItemParser(new IngestLimits(10, Duration.ofMinutes(5)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        ObjectNode item = validItem();
        item.put("text", "0123456789");
        assertTrue(small.parse(item).ok());
        item.put("text", "0123456789X");
        assertEquals("text must be at most 10 characters", small.parse(item).error());
    }

    @Test
    void storesHostileTextVerbatim() {
        String[] texts = {
            "<script>alert('x')</script>",
            "'; DROP TABLE messages; --",
            "Robert\"); DELETE FROM customers WHERE (\"1\"=\"1",
            "  leading and trailing spaces, a tab\tand\r\nCRLF  ",
            "&amp; &lt;b&gt; nul-free and emoji \uD83D\uDE00",
        };
        for (String text : texts) {
            ObjectNode item = validItem();
            item.put("text", text);
            ParsedItem parsed = parser.parse(item);
            assertTrue(parsed.ok(), parsed::error);
            assertEquals(text, parsed.message().text());
        }
    }

    /** PostgreSQL's text cannot hold NUL: in a customer's words it becomes U+FFFD, and the message is kept. */
    @Test
    void aNulInTheTextBecomesTheReplacementCharacter() {
        ObjectNode item = validItem();
        item.put("text", "&amp; \u0000 nul and emoji \uD83D\uDE00");
        ParsedItem parsed = parser.parse(item);
        assertTrue(parsed.ok(), parsed::error);
        assertEquals("&amp; \uFFFD nul and emoji \uD83D\uDE00", parsed.message().text());
        ObjectNode handle = validItem();
        ((ObjectNode) handle.get("author")).put("handle", "a\u0000b");
        assertEquals("author.handle", parser.parse(handle).field());
    }

    @Test
    void acceptsNumericIds() {
        ObjectNode item = validItem();
        item.put("externalId", 923456789012345678L);
        item.set("inReplyTo", JSON.readTree("12345678901234567890123"));

        ParsedItem parsed = parser.parse(item);

        assertTrue(parsed.ok(), parsed::error);
        assertEquals("923456789012345678", parsed.message().externalId());
        assertEquals("12345678901234567890123", parsed.message().inReplyTo());
    }

    @Test
    void treatsNullAndBlankOptionalsAsAbsent() {
        ObjectNode item = validItem();
        item.putNull("inReplyTo");
        item.putNull("private");
        item.put("url", "");
        ((ObjectNode) item.get("author")).putNull("email");
        ((ObjectNode) item.get("author")).putNull("followers");

        ParsedItem parsed = parser.parse(item);

        assertTrue(parsed.ok(), parsed::error);
        assertNull(parsed.message().inReplyTo());
        assertNull(parsed.message().url());
        assertNull(parsed.message().author().email());
        assertNull(parsed.message().author().followers());
        assertFalse(parsed.message().privateMessage());
        item.put("inReplyTo", "");
        assertNull(parser.parse(item).message().inReplyTo());
    }

    @Test
    void readsPrivateAndZeroFollowers() {
        ObjectNode item = validItem();
        item.put("private", true);
        ((ObjectNode) item.get("author")).put("followers", 0);

        IncomingMessage m = parser.parse(item).message();

        assertTrue(m.privateMessage());
        assertEquals(0L, m.author().followers());
    }

    @Test
    void convertsOffsetsToUtc() {
        ObjectNode item = validItem();
        item.put("createdAt", "2024-05-01T13:30:00+02:00");
        assertEquals(Instant.parse("2024-05-01T11:30:00Z"), parser.parse(item).message().createdAt());

        item.put("createdAt", "2024-05-01T06:30:00.250-05:00");
        assertEquals(Instant.parse("2024-05-01T11:30:00.250Z"), parser.parse(item).message().createdAt());
    }

    @Test
    void acceptsClockSkewButNotTheFuture() {
        ObjectNode item = validItem();
        item.put("createdAt", "2024-05-01T12:03:00Z");
        assertTrue(parser.parse(item).ok(), "3 minutes ahead is clock skew");

        item.put("createdAt", "2024-05-01T12:05:00Z");
        assertTrue(parser.parse(item).ok(), "exactly the allowed skew");

        item.put("createdAt", "2024-05-01T12:05:01Z");
        ParsedItem parsed = parser.parse(item);
        assertFalse(parsed.ok());
        assertEquals("createdAt", parsed.field());
        assertTrue(parsed.error().startsWith("createdAt is in the future"), parsed.error());

        item.put("createdAt", "2024-05-01T14:04:00+02:00");
        assertTrue(parser.parse(item).ok(), "offset applied before the skew check");
    }

    @Test
    void reportsTheFirstBrokenField() {
        JsonNode item = JSON.readTree("""
                {"channel": "twitter", "direction": "sideways", "text": ""}
                """);
        assertEquals("externalId", parser.parse(item).field());
    }
}
