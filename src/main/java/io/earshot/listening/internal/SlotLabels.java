package io.earshot.listening.internal;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Names of the normals a count is held against: slots 0-167 are hours of the week from Monday 00:00 ("the usual
 * for a Tuesday 10:00"), 168-191 hours of the day ("the usual for 10:00"), and {@link #NO_RHYTHM} the level alone.
 */
public final class SlotLabels {

    public static final int NO_RHYTHM = 192;

    private static final List<String> LABELS = IntStream.rangeClosed(0, NO_RHYTHM).mapToObj(SlotLabels::name).toList();

    private SlotLabels() {
    }

    public static String usual(int slot) {
        return LABELS.get(slot);
    }

    private static String name(int slot) {
        if (slot == NO_RHYTHM) {
            return "the usual level";
        }
        if (slot >= 168) {
            return String.format(Locale.ROOT, "the usual for %02d:00", slot - 168);
        }
        String day = DayOfWeek.of(slot / 24 + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return String.format(Locale.ROOT, "the usual for a %s %02d:00", day, slot % 24);
    }
}
