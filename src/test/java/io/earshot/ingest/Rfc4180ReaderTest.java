package io.earshot.ingest;

import io.earshot.ingest.internal.CharSource;
import io.earshot.ingest.internal.CsvRecord;
import io.earshot.ingest.internal.Rfc4180Reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc4180ReaderTest {

    private static List<CsvRecord> read(String csv) throws IOException {
        return read(csv, 1000);
    }

    private static List<CsvRecord> read(String csv, int maxRecordChars) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (Rfc4180Reader reader = new Rfc4180Reader(new CharSource(new StringReader(csv)), maxRecordChars)) {
            CsvRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    private static List<List<String>> fields(String csv) throws IOException {
        return read(csv).stream().map(CsvRecord::fields).toList();
    }

    @Test
    void readsPlainRecords() throws IOException {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("1", "2", "3")), fields("a,b,c\n1,2,3\n"));
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), fields("a,b\r\n1,2\r\n"), "CRLF");
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), fields("a,b\n1,2"), "no final newline");
        assertEquals(List.of(), fields(""));
    }

    @Test
    void keepsEmptyFields() throws IOException {
        assertEquals(List.of(List.of("", "x", "", "")), fields(",x,,\n"));
        assertEquals(List.of(List.of("", "")), fields("\"\",\n"));
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        String csv = "id,text\n"
                + "1,\"hello, world\"\n"
                + "2,\"she said \"\"hi\"\"\"\n"
                + "3,\"line one\nline two\"\n"
                + "4,\"crlf\r\ninside\"\r\n"
                + "5,\"\"\"\"\n"
                + "6,\"a,\"\"b\"\",\nc\"\n";
        assertEquals(List.of(
                List.of("id", "text"),
                List.of("1", "hello, world"),
                List.of("2", "she said \"hi\""),
                List.of("3", "line one\nline two"),
                List.of("4", "crlf\r\ninside"),
                List.of("5", "\""),
                List.of("6", "a,\"b\",\nc")), fields(csv));
    }

    @Test
    void bareCarriageReturnIsData() throws IOException {
        assertEquals(List.of(List.of("1", "@AskPayPal \r\rI just love it", "x"), List.of("2", "y", "z")),
                fields("1,@AskPayPal \r\rI just love it,x\n2,y,z\n"));
        assertEquals(List.of(List.of("a\r")), fields("a\r"), "a CR at end of input is data too");
    }

    @Test
    void tracksTheLineEachRecordStartsOn() throws IOException {
        List<CsvRecord> records = read("h1,h2\n1,\"two\nlines\"\n\n2,x\r\n3,\"a\r\nb\"\n4,y");
        assertEquals(List.of(1L, 2L, 5L, 6L, 8L), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void skipsEmptyLinesButNotEmptyQuotedRecords() throws IOException {
        assertEquals(List.of(List.of("a"), List.of(""), List.of("b")), fields("a\n\n\r\n\"\"\nb\n"));
    }

    @Test
    void keepsStrayQuotesLiterally() throws IOException {
        assertEquals(List.of(List.of("5\" screen", "x")), fields("5\" screen,x\n"));
        assertEquals(List.of(List.of("quoted then tail", "x")), fields("\"quoted\" then tail,x\n"));
    }

    @Test
    void reportsAnUnterminatedQuote() throws IOException {
        List<CsvRecord> records = read("1,ok\n2,\"never closed\n3,more\n");
        assertEquals(2, records.size());
        assertNull(records.get(0).problem());
        assertEquals(List.of("2", "never closed\n3,more\n"), records.get(1).fields());
        assertEquals("record starting on line 2: unterminated quoted field", records.get(1).problem());
    }

    @Test
    void reportsAnOverlongRecordAndGoesOn() throws IOException {
        List<CsvRecord> records = read("1,short\n2," + "x".repeat(50) + "\n3,short\n", 20);
        assertEquals(3, records.size());
        assertNull(records.get(0).problem());
        assertNotNull(records.get(1).problem());
        assertTrue(records.get(1).problem().contains("longer than 20 characters"));
        assertTrue(records.get(1).fields().get(1).length() <= 20, "not buffered whole");
        assertEquals(List.of("3", "short"), records.get(2).fields());
    }

    @Test
    void readsUnicodeAndLongFieldsAcrossBufferBoundaries() throws IOException {
        String big = "\uD83D\uDE00 é ".repeat(30_000);
        List<CsvRecord> records = read("a,\"" + big + "\"\nb,c\n", 1_000_000);
        assertEquals(List.of("a", big), records.get(0).fields());
        assertEquals(List.of("b", "c"), records.get(1).fields());
    }
}
