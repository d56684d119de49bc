package io.earshot.ingest;

import java.io.Closeable;
import java.io.IOException;

/** A pull-based source of replay items for one file format. */
interface ItemSource extends Closeable {

    /** The next item, or null at the end of the input. */
    ReplayItem next() throws IOException;
}
