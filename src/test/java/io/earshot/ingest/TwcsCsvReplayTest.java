package io.earshot.ingest;

import io.earshot.ingest.ReplayFormat;
import io.earshot.ingest.internal.TwcsItemSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class TwcsCsvReplayTest {

    private final MessageItemParser parser = new MessageItemParser(IngestLimits.defaults(),
            Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));

    @TempDir
    Path dir;

    static final String ORIGINAL = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\r\n"
            + "1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,\"@115712 I understand, really.\",2,3\r\n"
            + "2,115712,True,Tue Oct 31 22:11:45 +0000 2017,@sprintcare and how do you propose we do that,,1\r\n"
            + "3,115712,True,Tue Oct 31 22:08:27 +0000 2017,\"@sprintcare \"\"no one\"\" is\nresponding\",1,\r\n";

    static final String PANDAS = ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
            + "0,1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,\"@115712 I understand, really.\",2,3.0\n"
            + "1,2,115712,True,Tue Oct 31 22:11:45 +0000 2017,@sprintcare and how do you propose we do that,,1.0\n"
            + "2,3,115712,True,Tue Oct 31 22:08:27 +0000 2017,\"@sprintcare \"\"no one\"\" is\nresponding\",1,\n";

    private List<ReplayItem> read(String csv, boolean sort) throws IOException {
        Path file = dir.resolve("twcs.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        ReplayOptions options = ReplayOptions.defaults().withSortCsvByCreatedAt(sort);
        try (MessageFileReader reader = MessageFileReader.open(file, parser, JsonMapper.builder().build(), options)) {
            assertEquals(ReplayFormat.TWCS_CSV, reader.format());
            return reader.stream().toList();
        }
    }

    @Test
    void mapsTheOriginalAndThePandasVariantAlike() throws IOException {
        for (String csv : List.of(ORIGINAL, PANDAS)) {
            List<ReplayItem> items = read(csv, false);

            assertEquals(3, items.size());
            assertTrue(items.stream().allMatch(ReplayItem::ok));
            IncomingMessage first = items.get(0).item().message();
            assertEquals("twitter", first.channel());
            assertEquals("1", first.externalId());
            assertFalse(first.inbound());
            assertEquals(new IncomingMessage.Author("sprintcare", null, null, null, null), first.author());
            assertEquals("@115712 I understand, really.", first.text());
            assertEquals(Instant.parse("2017-10-31T22:10:47Z"), first.createdAt());
            assertEquals("3", first.inReplyTo());
            assertFalse(first.privateMessage());
            assertNull(first.url());

            IncomingMessage second = items.get(1).item().message();
            assertTrue(second.inbound());
            assertEquals("115712", second.author().handle());
            assertEquals("1", second.inReplyTo());

            IncomingMessage third = items.get(2).item().message();
            assertEquals("@sprintcare \"no one\" is\nresponding", third.text());
            assertNull(third.inReplyTo());
            assertEquals(List.of(2L, 3L, 4L), items.stream().map(ReplayItem::line).toList());
        }
    }

    @Test
    void sortsByCreatedAtWhenAsked() throws IOException {
        List<ReplayItem> items = read(PANDAS, true);

        assertEquals(List.of("3", "1", "2"), items.stream().map(i -> i.item().message().externalId()).toList());
        assertEquals(List.of(3L, 1L, 2L), items.stream().map(ReplayItem::record).toList(), "records keep file order");
    }

    @Test
    void rejectsBadRowsNamingTheFieldAndGoesOn() throws IOException {
        String csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
                + "1,a,maybe,Tue Oct 31 22:10:47 +0000 2017,hi,,\n"
                + "2,a,True,2017-10-31 22:10:47,hi,,\n"
                + "3,a,True,Tue Oct 31 22:10:47 +0000 2017,too,many,fields,here\n"
                + "4,,True,Tue Oct 31 22:10:47 +0000 2017,hi,,\n"
                + "5,a,True,Tue Oct 31 22:10:47 +0000 2017,   ,,\n"
                + "6,a,True,Tue Oct 31 22:10:47 +0000 2017,fine,,5\n";

        List<ReplayItem> items = read(csv, true);

        assertEquals(6, items.size());
        assertEquals("direction", items.get(0).item().field());
        assertEquals("direction: column inbound must be True or False", items.get(0).item().error());
        assertEquals("createdAt", items.get(1).item().field());
        assertNull(items.get(2).item().field());
        assertEquals("record starting on line 4 has 8 fields, the header has 7", items.get(2).item().error());
        assertEquals("author.handle", items.get(3).item().field());
        assertEquals("text", items.get(4).item().field());
        assertTrue(items.get(5).ok(), "rejected items come first when sorted, then the valid ones");
        assertEquals("5", items.get(5).item().message().inReplyTo());
    }

    @Test
    void refusesToSortMoreThanTheLimit() throws IOException {
        Path file = dir.resolve("big.csv");
        Files.writeString(file, ORIGINAL);
        ReplayOptions options = new ReplayOptions(true, 2, ReplayOptions.DEFAULT_MAX_RECORD_CHARS);

        IOException e = assertThrows(IOException.class,
                () -> MessageFileReader.open(file, parser, JsonMapper.builder().build(), options).close());
        assertTrue(e.getMessage().contains("more than 2 records"), e.getMessage());

        try (MessageFileReader unsorted = MessageFileReader.open(file, parser, JsonMapper.builder().build(),
                options.withSortCsvByCreatedAt(false))) {
            assertEquals(3, unsorted.stream().count());
        }
    }

    @Test
    void normalisesFloatIds() {
        assertEquals("3", TwcsItemSource.plainId("3.0"));
        assertEquals("2987950", TwcsItemSource.plainId("2987950.0"));
        assertEquals("1200000", TwcsItemSource.plainId("1.2e+06"));
        assertEquals("", TwcsItemSource.plainId(""));
        assertEquals("17", TwcsItemSource.plainId(" 17 "));
        assertEquals("3.5", TwcsItemSource.plainId("3.5"));
        assertEquals("v1.0", TwcsItemSource.plainId("v1.0"));
    }
}
