package io.earshot.ingest.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads CSV records one at a time. The TWCS mapping depends only on this, so the hand-written
 * {@link Rfc4180Reader} can be swapped for a library-backed implementation.
 */
public interface CsvRecordSource extends Closeable {

    /** The next record, or null at the end of the input. */
    CsvRecord next() throws IOException;
}
