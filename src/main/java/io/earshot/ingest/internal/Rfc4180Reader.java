package io.earshot.ingest.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: comma-separated, fields optionally enclosed in double quotes, a quote inside a
 * quoted field written twice. Quoted fields keep commas, quotes and line breaks (CRLF or LF) verbatim.
 *
 * <p>Records end at LF or CRLF outside quotes. Deviations, chosen to read real exports without losing data:
 * <ul>
 *   <li>a bare CR (not followed by LF) outside quotes is data, not a line break: the pandas-saved TWCS sample has
 *       unquoted texts containing bare CRs, which would otherwise split a record (old Mac CR-only files are
 *       therefore not supported);</li>
 *   <li>a quote inside an unquoted field, or text after a closing quote, is kept literally;</li>
 *   <li>empty lines are skipped;</li>
 *   <li>an unterminated quote or a record longer than {@code maxRecordChars} yields a record with a
 *       {@link CsvRecord#problem() problem}; an over-long record is not buffered whole.</li>
 * </ul>
 */
public final class Rfc4180Reader implements CsvRecordSource {

    private static final char QUOTE = '"';
    private static final char COMMA = ',';

    private final CharSource in;
    private final int maxRecordChars;
    private final StringBuilder field = new StringBuilder(256);
    private long line = 1;

    public Rfc4180Reader(CharSource in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public CsvRecord next() throws IOException {
        while (true) {
            if (in.peek(0) == CharSource.EOF) {
                return null;
            }
            long startLine = line;
            List<String> fields = new ArrayList<>(8);
            String problem = null;
            int recordChars = 0;
            boolean anyQuoted = false;
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                boolean quoted = in.peek(0) == QUOTE;
                if (quoted) {
                    in.read();
                    anyQuoted = true;
                    while (true) {
                        int c = in.read();
                        if (c == CharSource.EOF) {
                            problem = "record starting on line " + startLine + ": unterminated quoted field";
                            break;
                        }
                        if (c == QUOTE) {
                            if (in.peek(0) == QUOTE) {
                                in.read();
                            } else {
                                break;
                            }
                        } else if (c == '\n') {
                            line++;
                        }
                        recordChars++;
                        append(c, recordChars);
                    }
                }
                // unquoted field, or whatever follows a closing quote up to the separator
                while (true) {
                    int c = in.read();
                    if (c == CharSource.EOF) {
                        endOfRecord = true;
                        break;
                    }
                    if (c == COMMA) {
                        break;
                    }
                    if (c == '\n') {
                        line++;
                        endOfRecord = true;
                        break;
                    }
                    if (c == '\r' && in.peek(0) == '\n') {
                        in.read();
                        line++;
                        endOfRecord = true;
                        break;
                    }
                    recordChars++;
                    append(c, recordChars);
                }
                fields.add(field.toString());
            }
            if (recordChars > maxRecordChars) {
                problem = "record starting on line " + startLine + ": longer than " + maxRecordChars + " characters";
            }
            if (fields.size() == 1 && !anyQuoted && fields.get(0).isEmpty()) {
                continue; // an empty line
            }
            return new CsvRecord(startLine, List.copyOf(fields), problem);
        }
    }

    private void append(int c, int recordChars) {
        if (recordChars <= maxRecordChars) {
            field.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
