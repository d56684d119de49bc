package io.earshot.listening;

import java.time.Instant;
import java.util.Locale;

/**
 * What the detector made of one bucket: whether it is an alert, the count expected there (the normal level for that
 * hour of the day and week), the count's ratio to it, how surprising it is (in standard deviations of count noise,
 * the larger of the bucket's and the last half hour's), and which normal it was held against ({@code usual}, e.g.
 * "the usual for a Tuesday 10:00").
 */
public record SpikeResult(Instant bucketStart, long count, boolean alert, double expected, double ratio, double surprise,
                          String usual) {

    /** For people: "6.3× the usual for a Tuesday 10:00 (63 against 10.0)". */
    public String description() {
        return String.format(Locale.ROOT, "%.1f× %s (%d against %.1f)", ratio, usual, count, expected);
    }
}
