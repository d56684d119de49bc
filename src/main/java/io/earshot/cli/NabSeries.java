package io.earshot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A series in NAB's CSV format ({@code timestamp,value} with a header, timestamps like {@code 2015-02-26 21:42:53}
 * in UTC), with its labelled windows and anomalies when it comes from a labelled folder.
 */
public record NabSeries(String name, List<String> timestamps, List<Instant> times, long[] values,
                        List<NabScore.Window> windows, List<Integer> anomalies) {

    /** Reads {@code file}; values are rounded to whole counts. */
    public static NabSeries read(Path file) {
        List<String> stamps = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (n + 1) + ": expected timestamp,value");
            }
            String stamp = line.substring(0, comma).strip();
            try {
                times.add(parseTime(stamp));
                values.add(Math.round(Double.parseDouble(line.substring(comma + 1).strip())));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (n + 1) + ": " + e.getMessage(), e);
            }
            stamps.add(stamp);
        }
        return new NabSeries(file.getFileName().toString(), List.copyOf(stamps), List.copyOf(times),
                values.stream().mapToLong(Long::longValue).toArray(), List.of(), List.of());
    }

    /** A NAB timestamp ({@code 2015-02-26 21:42:53}, fractions of a second allowed) as an instant in UTC. */
    public static Instant parseTime(String stamp) {
        return LocalDateTime.parse(stamp.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    /** The same series with its windows and labelled anomalies, given as timestamps. */
    public NabSeries labelled(List<Instant[]> windowLimits, List<Instant> labels) {
        List<NabScore.Window> w = new ArrayList<>();
        for (Instant[] limits : windowLimits) {
            int first = firstAtOrAfter(limits[0]);
            int last = firstAtOrAfter(limits[1].plusMillis(1)) - 1;
            if (first <= last) {
                w.add(new NabScore.Window(first, last));
            }
        }
        List<Integer> a = labels.stream().map(this::firstAtOrAfter).filter(i -> i < values.length).toList();
        return new NabSeries(name, timestamps, times, values, List.copyOf(w), a);
    }

    /** The first {@code n} points, with the windows that end within them (NAB's probation then counts from 0). */
    public NabSeries head(int n) {
        List<NabScore.Window> w = windows.stream().filter(x -> x.last() < n).toList();
        return new NabSeries(name, timestamps.subList(0, n), times.subList(0, n), java.util.Arrays.copyOf(values, n), w,
                anomalies.stream().filter(a -> a < n).toList());
    }

    private int firstAtOrAfter(Instant t) {
        int lo = 0;
        int hi = times.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times.get(mid).isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The bucket size: the smallest gap between consecutive points among the first hundred, at most an hour. */
    public Duration bucket() {
        long best = Long.MAX_VALUE;
        for (int i = 1; i < Math.min(times.size(), 100); i++) {
            long gap = times.get(i).toEpochMilli() - times.get(i - 1).toEpochMilli();
            if (gap > 0) {
                best = Math.min(best, gap);
            }
        }
        return best == Long.MAX_VALUE ? Duration.ofMinutes(1) : Duration.ofMillis(Math.min(best, 3_600_000L));
    }
}
