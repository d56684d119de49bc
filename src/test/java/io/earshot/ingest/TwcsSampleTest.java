package io.earshot.ingest;

import io.earshot.ingest.ReplayFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the 5,000-row Customer Support on Twitter sample. The dataset is not in the repository: it is looked for
 * in {@code $EARSHOT_DATASETS/twcs/} or {@code ../shared/datasets/twcs/}, and the test is skipped without it.
 */
class TwcsSampleTest {

    static final String SAMPLE = "twcs/twcs_head5000.csv";

    private final MessageItemParser parser = new MessageItemParser(IngestLimits.defaults(), Clock.systemUTC());

    private Path sample;

    @BeforeEach
    void findSample() {
        String datasets = System.getenv("EARSHOT_DATASETS");
        Path root = datasets != null && !datasets.isBlank() ? Path.of(datasets) : Path.of("..", "shared", "datasets");
        sample = root.resolve(SAMPLE);
        assumeTrue(Files.isReadable(sample), () -> "SKIPPED: TWCS sample not found at " + sample.toAbsolutePath()
                + " (set EARSHOT_DATASETS to the folder holding twcs/twcs_head5000.csv)");
    }

    private List<ReplayItem> readSample(boolean sort) throws IOException {
        ReplayOptions options = ReplayOptions.defaults().withSortCsvByCreatedAt(sort);
        try (MessageFileReader reader = MessageFileReader.open(sample, parser, JsonMapper.builder().build(), options)) {
            assertEquals(ReplayFormat.TWCS_CSV, reader.format());
            return reader.stream().toList();
        }
    }

    @Test
    void readsEveryRecord() throws IOException {
        List<ReplayItem> items = readSample(false);

        assertEquals(5000, items.size());
        List<ReplayItem> rejected = items.stream().filter(i -> !i.ok()).toList();
        assertTrue(rejected.isEmpty(), () -> "rejected: " + rejected.subList(0, Math.min(5, rejected.size())));
        assertEquals(5000, items.stream().map(i -> i.item().message().externalId()).distinct().count());
        assertEquals(items.stream().map(ReplayItem::record).toList(),
                LongStream.rangeClosed(1, 5000).boxed().toList());

        IncomingMessage first = items.get(0).item().message();
        assertEquals("1", first.externalId());
        assertEquals("sprintcare", first.author().handle());
        assertFalse(first.inbound());
        assertEquals(Instant.parse("2017-10-31T22:10:47Z"), first.createdAt());
        assertEquals("3", first.inReplyTo());
    }

    @Test
    void resolvesReplyLinks() throws IOException {
        List<IncomingMessage> messages = readSample(false).stream().map(i -> i.item().message()).toList();
        Set<String> ids = messages.stream().map(IncomingMessage::externalId).collect(Collectors.toSet());

        List<String> parents = messages.stream().map(IncomingMessage::inReplyTo).filter(p -> p != null).toList();
        assertEquals(3694, parents.size());
        assertTrue(parents.stream().allMatch(p -> p.chars().allMatch(Character::isDigit)),
                "no float ids like 3.0 left");
        long resolved = parents.stream().filter(ids::contains).count();
        // the other 6 answer tweets beyond the first 5,000 rows of the full file
        assertEquals(3688, resolved);

        Map<String, IncomingMessage> byId = messages.stream()
                .collect(Collectors.toMap(IncomingMessage::externalId, Function.identity()));
        IncomingMessage reply = byId.get("2");
        assertEquals("1", reply.inReplyTo());
        assertEquals("sprintcare", byId.get(reply.inReplyTo()).author().handle());
    }

    @Test
    void keepsTheTextWithBareCarriageReturnsIntact() throws IOException {
        IncomingMessage message = readSample(false).stream().map(i -> i.item().message())
                .filter(m -> m.externalId().equals("3399")).findFirst().orElseThrow();

        assertEquals("@AskPayPal \r\rI just love the start of email \uD83D\uDE01 https://t.co/8u1Pf5rJoN",
                message.text());
        assertEquals("116510", message.author().handle());
        assertTrue(message.inbound());
    }

    @Test
    void keepsMultilineTextsAndSortsByTime() throws IOException {
        List<ReplayItem> sorted = readSample(true);

        assertEquals(5000, sorted.size());
        assertEquals(190, sorted.stream().filter(i -> i.item().message().text().contains("\n")).count());
        for (int i = 1; i < sorted.size(); i++) {
            Instant before = sorted.get(i - 1).item().message().createdAt();
            Instant after = sorted.get(i).item().message().createdAt();
            assertFalse(after.isBefore(before), "out of order at " + i);
        }
    }
}
