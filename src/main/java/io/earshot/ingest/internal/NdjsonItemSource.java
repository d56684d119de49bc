package io.earshot.ingest.internal;

import io.earshot.ingest.MessageItemParser;
import io.earshot.ingest.ParsedItem;
import io.earshot.ingest.ReplayItem;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Streams NDJSON: one item per LF-terminated line (a CR before the LF is JSON whitespace), blank lines skipped.
 * Only one line is held in memory at a time. A line that is not valid JSON, or is too long, becomes a rejected
 * item and reading goes on.
 */
public final class NdjsonItemSource implements ItemSource {

    private final CharSource in;
    private final ObjectReader json;
    private final MessageItemParser parser;
    private final int maxLineChars;
    private final StringBuilder line = new StringBuilder(1024);
    private long lineNumber;
    private long recordNumber;
    private boolean finished;

    public NdjsonItemSource(CharSource in, ObjectReader json, MessageItemParser parser, int maxLineChars) {
        this.in = in;
        this.json = json;
        this.parser = parser;
        this.maxLineChars = maxLineChars;
    }

    @Override
    public ReplayItem next() throws IOException {
        while (!finished) {
            lineNumber++;
            line.setLength(0);
            boolean any = false;
            boolean tooLong = false;
            int c;
            while ((c = in.read()) != CharSource.EOF && c != '\n') {
                any = true;
                if (line.length() < maxLineChars) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
            }
            if (c == CharSource.EOF) {
                finished = true;
                if (!any) {
                    return null;
                }
            }
            if (tooLong) {
                recordNumber++;
                return rejected("line " + lineNumber + ": longer than " + maxLineChars + " characters");
            }
            if (isBlank(line)) {
                continue;
            }
            recordNumber++;
            JsonNode node;
            try {
                node = json.readTree(line.toString());
            } catch (JacksonException e) {
                return rejected("line " + lineNumber + ": not valid JSON");
            }
            return new ReplayItem(recordNumber, lineNumber, parser.parse(node));
        }
        return null;
    }

    private ReplayItem rejected(String error) {
        return new ReplayItem(recordNumber, lineNumber, ParsedItem.rejected(null, error));
    }

    private static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
