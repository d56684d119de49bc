package io.earshot.ingest;

import io.earshot.ingest.ReplayFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class NdjsonReplayTest {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final MessageItemParser parser =
            new MessageItemParser(IngestLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path dir;

    static String item(String id, String text) {
        return "{\"channel\":\"twitter\",\"externalId\":\"" + id + "\",\"direction\":\"inbound\","
                + "\"author\":{\"handle\":\"ann\"},\"text\":\"" + text + "\",\"createdAt\":\"2024-05-01T10:00:00Z\"}";
    }

    private List<ReplayItem> readAll(String content) throws IOException {
        Path file = dir.resolve("replay.ndjson");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        try (MessageFileReader reader = MessageFileReader.open(file, parser)) {
            assertEquals(ReplayFormat.NDJSON, reader.format());
            return reader.stream().toList();
        }
    }

    @Test
    void aBrokenLineInTheMiddleIsRejectedAndTheReplayGoesOn() throws IOException {
        List<ReplayItem> items = readAll(item("1", "first") + "\n"
                + "{\"channel\":\"twitter\",\"externalId\":\n"
                + item("3", "third") + "\n");

        assertEquals(3, items.size());
        assertTrue(items.get(0).ok());
        assertFalse(items.get(1).ok());
        assertNull(items.get(1).item().field());
        assertEquals("line 2: not valid JSON", items.get(1).item().error());
        assertEquals(2, items.get(1).line());
        assertTrue(items.get(2).ok());
        assertEquals("3", items.get(2).item().message().externalId());
    }

    @Test
    void skipsBlankLinesAndNumbersRecordsAndLines() throws IOException {
        List<ReplayItem> items = readAll("\n" + item("1", "a") + "\r\n   \n\r\n" + item("2", "b") + "\r\n\n");

        assertEquals(2, items.size());
        assertEquals(List.of(1L, 2L), items.stream().map(ReplayItem::record).toList());
        assertEquals(List.of(2L, 5L), items.stream().map(ReplayItem::line).toList());
        assertTrue(items.stream().allMatch(ReplayItem::ok));
    }

    @Test
    void lastLineWithoutNewlineIsRead() throws IOException {
        assertEquals(2, readAll(item("1", "a") + "\n" + item("2", "b")).size());
    }

    @Test
    void invalidItemsNameTheirField() throws IOException {
        List<ReplayItem> items = readAll(item("", "empty id") + "\n"
                + "[1,2]\n"
                + "{\"a\":1} {\"b\":2}\n"
                + "{\"a\":1,\"a\":2}\n"
                + item("5", "ok") + "\n");

        assertEquals("externalId", items.get(0).item().field());
        assertEquals("item must be a JSON object", items.get(1).item().error());
        assertEquals("line 3: not valid JSON", items.get(2).item().error(), "trailing content");
        assertEquals("line 4: not valid JSON", items.get(3).item().error(), "duplicate key");
        assertTrue(items.get(4).ok());
    }

    @Test
    void keepsTextsVerbatim() throws IOException {
        List<ReplayItem> items = readAll(item("1", "<script>alert(1)</script> \\\"quoted\\\" \\r\\n \\u00e9 é") + "\n");

        assertEquals("<script>alert(1)</script> \"quoted\" \r\n é é", items.get(0).item().message().text());
    }

    @Test
    void rejectsAnOverlongLineWithoutStopping() throws IOException {
        Path file = dir.resolve("long.ndjson");
        Files.writeString(file, item("1", "x".repeat(5000)) + "\n" + item("2", "ok") + "\n");
        ReplayOptions options = new ReplayOptions(true, 10, 1000);
        try (MessageFileReader reader = MessageFileReader.open(file, parser, JsonMapper.builder().build(), options)) {
            List<ReplayItem> items = reader.stream().toList();
            assertEquals("line 1: longer than 1000 characters", items.get(0).item().error());
            assertTrue(items.get(1).ok());
        }
    }

    @Test
    void readsGzipAndSkipsAByteOrderMark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(("\uFEFF" + item("1", "a") + "\n" + item("2", "b") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (MessageFileReader reader = MessageFileReader.open(new ByteArrayInputStream(bytes.toByteArray()),
                "replay.ndjson.gz", parser, JsonMapper.builder().build(), ReplayOptions.defaults())) {
            List<ReplayItem> items = reader.stream().toList();
            assertEquals(2, items.size());
            assertTrue(items.stream().allMatch(ReplayItem::ok));
        }
    }

    @Test
    void anEmptyFileHasNoItems() throws IOException {
        assertEquals(List.of(), readAll(""));
        assertEquals(List.of(), readAll("\n \n"));
    }

    @Test
    void refusesAFileOfAnotherFormat() {
        Path file = dir.resolve("other.csv");
        IOException e = assertThrows(IOException.class, () -> {
            Files.writeString(file, "id,text\n1,hello\n");
            MessageFileReader.open(file, parser).close();
        });
        assertTrue(e.getMessage().contains("missing [tweet_id, author_id, inbound, created_at]"), e.getMessage());

        IOException array = assertThrows(IOException.class, () -> {
            Files.writeString(file, "[" + item("1", "a") + "]");
            MessageFileReader.open(file, parser).close();
        });
        assertTrue(array.getMessage().contains("JSON array is not supported"), array.getMessage());
    }

    /** An endless NDJSON input: a reader that loaded the file into memory would never return. */
    @Test
    void streamsWithoutReadingTheWholeInput() throws IOException {
        byte[] line = (item("x", "streaming") + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream endless = new InputStream() {
            private long position;

            @Override
            public int read() {
                return line[(int) (position++ % line.length)] & 0xff;
            }
        };
        try (MessageFileReader reader = MessageFileReader.open(endless, "endless", parser,
                JsonMapper.builder().build(), ReplayOptions.defaults());
                Stream<ReplayItem> items = reader.stream()) {
            assertEquals(50_000, items.limit(50_000).filter(ReplayItem::ok).count());
        }
    }
}
