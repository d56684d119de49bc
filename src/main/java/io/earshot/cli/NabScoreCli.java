package io.earshot.cli;

import io.earshot.listening.Sensitivity;
import io.earshot.listening.SpikeSettings;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code nab-score DIR [--split=AAPL,FB] [--sensitivity=...] [--baseline=null|static]}: runs the spike detector (or
 * a baseline) over every labelled series of a NAB-like folder and prints NAB scores per series and for the whole
 * category under each profile; with {@code --split=time} also for the first and the second half of every series,
 * with {@code --split=AAPL,FB} for the series whose names contain one of the words and for the rest; then the
 * alert delays and the detector's time per point.
 */
public final class NabScoreCli {

    static final String USAGE = "usage: java -jar earshot.jar nab-score DIR [--split=time|AAPL,FB] "
            + "[--sensitivity=low|normal|high] [--baseline=null|static]";
    private static final int TIMING_RUNS = 5;

    private final PrintStream out;
    private final PrintStream err;

    public NabScoreCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Path dir = null;
        List<String> split = List.of();
        Sensitivity sensitivity = Sensitivity.NORMAL;
        String baseline = "";
        for (String a : args) {
            if (a.startsWith("--split=")) {
                split = Arrays.stream(a.substring(8).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            } else if (a.startsWith("--sensitivity=")) {
                try {
                    sensitivity = Sensitivity.valueOf(a.substring(14).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return usage("nab-score: sensitivity is low, normal or high");
                }
            } else if (a.equals("--baseline=null") || a.equals("--baseline=static")) {
                baseline = a.substring(11);
            } else if (a.startsWith("--") || dir != null) {
                return usage("nab-score: unknown argument " + a);
            } else {
                dir = Path.of(a);
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return usage(dir == null ? "nab-score: which folder?" : "nab-score: no folder " + dir);
        }
        try {
            NabCorpus corpus = NabCorpus.load(dir);
            SpikeSettings settings = SpikeSettings.defaults(Duration.ofMinutes(1)).withSensitivity(sensitivity);
            SpikeRun run = switch (baseline) {
                case "null" -> SpikeRun.none();
                case "static" -> SpikeRun.staticThreshold(settings.cooldown());
                default -> SpikeRun.detector(settings);
            };
            String what = baseline.isEmpty() ? "Earshot's spike detector, sensitivity " + sensitivity + ", cooldown "
                    + settings.cooldown().toHours() + " h" : baseline + " baseline";
            report(corpus, run, what, split, dir);
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException | tools.jackson.core.JacksonException e) {
            err.println("nab-score: " + e.getMessage());
            return 1;
        }
    }

    private void report(NabCorpus corpus, SpikeRun run, String what, List<String> split, Path dir) {
        List<NabSeries> series = corpus.series();
        List<boolean[]> alerts = series.stream().map(run::alerts).toList();
        out.printf(Locale.ROOT, "NAB scores of %s on %d series of %s%n", what, series.size(), dir);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-28s %7s %7s %8s %4s", "series", "points",
                "windows", "detected", "FP"));
        corpus.profiles().forEach(p -> head.append(String.format(Locale.ROOT, " %19s", p.name())));
        out.println(head);
        for (int i = 0; i < series.size(); i++) {
            NabSeries s = series.get(i);
            NabScore.Result standard = NabScore.score(alerts.get(i), s.windows(), corpus.profiles().get(0));
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s %7d %7d %8d %4d", s.name(),
                    s.values().length, standard.windows(), standard.detected(), standard.falsePositives()));
            for (NabScore.Profile p : corpus.profiles()) {
                row.append(String.format(Locale.ROOT, " %19.1f", NabScore.score(alerts.get(i), s.windows(), p).normalised()));
            }
            out.println(row);
        }
        category(corpus, alerts, "all " + series.size() + " series", s -> true, Half.BOTH);
        if (split.equals(List.of("time"))) {
            category(corpus, alerts, "first halves (tuning)", s -> true, Half.FIRST);
            category(corpus, alerts, "second halves (held out)", s -> true, Half.SECOND);
        } else if (!split.isEmpty()) {
            Predicate<NabSeries> tuning = s -> split.stream().anyMatch(w -> s.name().contains(w));
            category(corpus, alerts, "tuning (" + String.join(", ", split) + ")", tuning, Half.BOTH);
            category(corpus, alerts, "held out (the others)", tuning.negate(), Half.BOTH);
        }
        delays(series, alerts);
        speed(series, run);
    }

    /**
     * Which part of each series a category scores: all of it, its first half (as if the series ended there), or its
     * second half (the alerts and windows there only).
     */
    private enum Half {
        BOTH, FIRST, SECOND;

        NabScore.Result score(NabSeries s, boolean[] alerts, NabScore.Profile p) {
            int n = s.values().length;
            int half = n / 2;
            return switch (this) {
                case BOTH -> NabScore.score(alerts, s.windows(), p);
                case FIRST -> NabScore.score(Arrays.copyOf(alerts, half), s.head(half).windows(), p);
                case SECOND -> {
                    boolean[] later = alerts.clone();
                    Arrays.fill(later, 0, half, false);
                    yield NabScore.score(later, s.windows().stream().filter(w -> w.first() >= half).toList(), p);
                }
            };
        }

        int points(NabSeries s) {
            int n = s.values().length;
            return this == BOTH ? n : this == FIRST ? n / 2 : n - n / 2;
        }
    }

    private void category(NabCorpus corpus, List<boolean[]> alerts, String name, Predicate<NabSeries> which, Half half) {
        List<NabSeries> series = corpus.series();
        int points = 0;
        int windows = 0;
        int detected = 0;
        int fps = 0;
        StringBuilder scores = new StringBuilder();
        for (NabScore.Profile p : corpus.profiles()) {
            List<NabScore.Result> results = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                if (which.test(series.get(i))) {
                    results.add(half.score(series.get(i), alerts.get(i), p));
                }
            }
            if (p == corpus.profiles().get(0)) {
                windows = results.stream().mapToInt(NabScore.Result::windows).sum();
                detected = results.stream().mapToInt(NabScore.Result::detected).sum();
                fps = results.stream().mapToInt(NabScore.Result::falsePositives).sum();
            }
            scores.append(String.format(Locale.ROOT, " %19.1f", NabScore.normalise(results)));
        }
        for (NabSeries s : series) {
            points += which.test(s) ? half.points(s) : 0;
        }
        out.println(String.format(Locale.ROOT, "%-28s %7d %7d %8d %4d", name, points, windows, detected, fps) + scores);
    }

    /** Mean delay of the first alert in each detected window, after the window's start and after its label. */
    private void delays(List<NabSeries> series, List<boolean[]> alerts) {
        double afterStart = 0;
        double afterLabel = 0;
        int n = 0;
        for (int i = 0; i < series.size(); i++) {
            NabSeries s = series.get(i);
            double minutes = s.bucket().toSeconds() / 60.0;
            int probation = NabScore.probationaryLength(s.values().length);
            for (NabScore.Window w : s.windows()) {
                int first = -1;
                for (int j = Math.max(w.first(), probation); j <= w.last() && first < 0; j++) {
                    first = alerts.get(i)[j] ? j : -1;
                }
                if (first < 0) {
                    continue;
                }
                int label = s.anomalies().stream().filter(a -> a >= w.first() && a <= w.last()).findFirst()
                        .orElse((w.first() + w.last()) / 2);
                afterStart += (first - w.first()) * minutes;
                afterLabel += (first - label) * minutes;
                n++;
            }
        }
        if (n == 0) {
            out.println("alert delay: no window detected");
            return;
        }
        out.printf(Locale.ROOT, "alert delay (first alert in each of %d detected windows): mean %.0f min after the "
                + "window starts, %.0f min after the labelled anomaly%n", n, afterStart / n, afterLabel / n);
    }

    private void speed(List<NabSeries> series, SpikeRun run) {
        long points = series.stream().mapToLong(s -> s.values().length).sum();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < TIMING_RUNS; r++) {
            long start = System.nanoTime();
            series.forEach(run::alerts);
            best = Math.min(best, System.nanoTime() - start);
        }
        out.printf(Locale.ROOT, "speed: %.2f µs per point (%,d points, best of %d runs, one thread)%n",
                best / 1000.0 / points, points, TIMING_RUNS);
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }
}
