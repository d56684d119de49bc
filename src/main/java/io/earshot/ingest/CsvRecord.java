package io.earshot.ingest;

import java.util.List;

/**
 * One CSV record.
 *
 * @param line    the 1-based line (counted by LF) on which the record starts
 * @param fields  the field values, unquoted
 * @param problem why the record is malformed (unterminated quote, too long), or null
 */
record CsvRecord(long line, List<String> fields, String problem) {
}
