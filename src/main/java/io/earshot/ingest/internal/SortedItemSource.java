package io.earshot.ingest.internal;

import io.earshot.ingest.ReplayItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a whole source into memory and hands its items back with the rejected ones first (in file order), then
 * the accepted ones by {@code createdAt}; equal timestamps keep file order.
 */
public final class SortedItemSource implements ItemSource {

    private final Iterator<ReplayItem> items;

    private SortedItemSource(List<ReplayItem> items) {
        this.items = items.iterator();
    }

    /** Drains and closes {@code source}; fails when it holds more than {@code maxRecords} items. */
    public static SortedItemSource drain(ItemSource source, int maxRecords, String name) throws IOException {
        try (source) {
            List<ReplayItem> rejected = new ArrayList<>();
            List<ReplayItem> accepted = new ArrayList<>();
            ReplayItem item;
            while ((item = source.next()) != null) {
                (item.ok() ? accepted : rejected).add(item);
                if (accepted.size() + rejected.size() > maxRecords) {
                    throw new IOException(name + ": more than " + maxRecords
                            + " records to sort by createdAt in memory; pre-sort the file or turn sorting off");
                }
            }
            accepted.sort(Comparator.comparing((ReplayItem i) -> i.item().message().createdAt()));
            rejected.addAll(accepted);
            return new SortedItemSource(rejected);
        }
    }

    @Override
    public ReplayItem next() {
        return items.hasNext() ? items.next() : null;
    }

    @Override
    public void close() {
        // nothing held open
    }
}
