package io.earshot.ingest;

/**
 * How {@link MessageFileReader} reads a file.
 *
 * @param sortCsvByCreatedAt sort CSV items by {@code createdAt} (TWCS is not chronological). This loads the whole
 *                           CSV into memory first: fine for a few hundred thousand rows (the 5,000-row sample takes
 *                           a few MB); for the full 2.8M-row TWCS, pre-sort the file or turn this off. NDJSON is
 *                           always streamed in file order.
 * @param maxSortedRecords   a CSV with more records than this is refused when sorting, rather than running out of
 *                           memory
 * @param maxRecordChars     a line (NDJSON) or record (CSV) longer than this is rejected without being buffered
 *                           whole, and reading goes on with the next one
 */
public record ReplayOptions(boolean sortCsvByCreatedAt, int maxSortedRecords, int maxRecordChars) {

    public static final int DEFAULT_MAX_SORTED_RECORDS = 1_000_000;
    public static final int DEFAULT_MAX_RECORD_CHARS = 8_000_000;

    public ReplayOptions {
        if (maxSortedRecords <= 0 || maxRecordChars <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Sort CSV by createdAt, at most 1,000,000 records sorted, records up to 8,000,000 characters. */
    public static ReplayOptions defaults() {
        return new ReplayOptions(true, DEFAULT_MAX_SORTED_RECORDS, DEFAULT_MAX_RECORD_CHARS);
    }

    public ReplayOptions withSortCsvByCreatedAt(boolean sort) {
        return new ReplayOptions(sort, maxSortedRecords, maxRecordChars);
    }
}
