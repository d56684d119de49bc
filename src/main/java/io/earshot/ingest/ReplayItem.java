package io.earshot.ingest;

/**
 * One item read from a replay file, with where it came from.
 *
 * @param record the 1-based ordinal of the item in the file (NDJSON: non-blank lines; CSV: data records, header
 *               not counted). Kept when items are re-ordered, so reports can point back into the file.
 * @param line   the 1-based physical line (counted by LF) on which the item starts; the CSV header is line 1
 * @param item   the parse outcome
 */
public record ReplayItem(long record, long line, ParsedItem item) {

    public boolean ok() {
        return item.ok();
    }
}
