package io.earshot.ingest.internal;

import java.util.List;

/**
 * One CSV record.
 *
 * @param line    the 1-based line (counted by LF) on which the record starts
 * @param fields  the field values, unquoted
 * @param problem why the record is malformed (unterminated quote, too long), or null
 */
public record CsvRecord(long line, List<String> fields, String problem) {
}
