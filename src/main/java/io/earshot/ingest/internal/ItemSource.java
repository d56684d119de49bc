package io.earshot.ingest.internal;

import io.earshot.ingest.ReplayItem;
import java.io.Closeable;
import java.io.IOException;

/** A pull-based source of replay items for one file format. */
public interface ItemSource extends Closeable {

    /** The next item, or null at the end of the input. */
    ReplayItem next() throws IOException;
}
