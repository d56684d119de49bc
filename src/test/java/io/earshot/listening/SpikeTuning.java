package io.earshot.listening;

import io.earshot.cli.NabCorpus;
import io.earshot.cli.NabScore;
import io.earshot.cli.NabSeries;
import io.earshot.listening.internal.SpikeModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How the detector's constants were chosen (not a test): a grid of settings scored with NAB's standard profile on
 * the first half (by time) of every series, or with a second argument such as {@code AAPL,FB} on the series whose
 * names contain one of its words; prints the best, each with whether it keeps the product's synthetic requirements
 * of SpikeDetectorTest and DetectSpikesCliTest (a backlash on a quiet and on a busy baseline alerted within 10
 * minutes, no alert on the baselines over four weeks, one alert on the CLI's wave). The held-out part is not scored
 * here. Run: {@code java -cp target/test-classes:target/classes:CP io.earshot.listening.SpikeTuning
 * /work/shared/datasets/nab [time|AAPL,FB]}.
 */
public final class SpikeTuning {

    record Trial(SpikeModel model, Duration cooldown, double standard, int detected, int fps) {
    }

    public static void main(String[] args) {
        NabCorpus corpus = NabCorpus.load(Path.of(args[0]));
        String split = args.length > 1 ? args[1] : "time";
        List<String> tune = Arrays.asList(split.split(","));
        List<NabSeries> series = split.equals("time")
                ? corpus.series().stream().map(s -> s.head(s.values().length / 2)).toList()
                : corpus.series().stream().filter(s -> tune.stream().anyMatch(w -> s.name().contains(w))).toList();
        SpikeModel base = SpikeModel.of(Sensitivity.NORMAL);
        List<Trial> trials = new ArrayList<>();
        for (long spanMinutes : new long[] {30, 60, 120, 180, 240, 360, 720}) {
            for (double threshold : new double[] {2, 2.5, 3, 3.5, 4, 4.5, 5, 6}) {
                for (long historyDays : new long[] {7, 14}) {
                    for (double minSpread : new double[] {1, 2}) {
                        for (long cooldownHours : new long[] {12, 24, 48}) {
                            SpikeModel m = base.withWave(threshold, Duration.ofMinutes(spanMinutes),
                                    Duration.ofDays(historyDays), minSpread);
                            trials.add(trial(series, m, Duration.ofHours(cooldownHours)));
                        }
                    }
                }
            }
        }
        plateau(trials);
        trials.sort(Comparator.comparingDouble(Trial::standard).reversed());
        int shown = 0;
        for (Trial t : trials) {
            if (shown++ >= 15) {
                break;
            }
            System.out.printf(Locale.ROOT, "%6.1f det %d fp %3d %s cooldown %s %s%n", t.standard, t.detected, t.fps,
                    product(t.model, t.cooldown), t.cooldown, t.model);
        }
    }

    /**
     * The rule the defaults were chosen by: for each history, floor and cooldown, the (span, threshold) whose 3×3
     * neighbourhood in the grid has the best mean score, so a point just short of a cliff (one step more and
     * windows are lost) is not taken for a good one.
     */
    private static void plateau(List<Trial> trials) {
        java.util.Map<String, Double> score = new java.util.HashMap<>();
        trials.forEach(t -> score.put(key(t.model, t.cooldown), t.standard));
        long[] spans = {30, 60, 120, 180, 240, 360, 720};
        double[] thresholds = {2, 2.5, 3, 3.5, 4, 4.5, 5, 6};
        List<String> rows = new ArrayList<>();
        for (Trial t : trials) {
            int si = Arrays.binarySearch(spans, t.model.span().toMinutes());
            int ti = Arrays.binarySearch(thresholds, t.model.threshold());
            double sum = 0;
            int n = 0;
            for (int ds = -1; ds <= 1; ds++) {
                for (int dt = -1; dt <= 1; dt++) {
                    if (si + ds >= 0 && si + ds < spans.length && ti + dt >= 0 && ti + dt < thresholds.length) {
                        SpikeModel m = t.model.withWave(thresholds[ti + dt], Duration.ofMinutes(spans[si + ds]),
                                t.model.history(), t.model.minSpread());
                        sum += score.get(key(m, t.cooldown));
                        n++;
                    }
                }
            }
            if (n == 9) {
                rows.add(String.format(Locale.ROOT, "%6.1f plateau %6.1f itself det %d fp %3d cooldown %s span %s "
                        + "threshold %.1f history %s minSpread %.0f", sum / n, t.standard, t.detected, t.fps, t.cooldown,
                        t.model.span(), t.model.threshold(), t.model.history(), t.model.minSpread()));
            }
        }
        rows.sort(Comparator.reverseOrder());
        System.out.println("best plateaus (mean of the 3×3 neighbourhood):");
        rows.stream().limit(10).forEach(System.out::println);
        System.out.println("best points:");
    }

    private static String key(SpikeModel m, Duration cooldown) {
        return m.span() + "/" + m.threshold() + "/" + m.history() + "/" + m.minSpread() + "/" + cooldown;
    }

    static Trial trial(List<NabSeries> series, SpikeModel model, Duration cooldown) {
        List<NabScore.Result> results = new ArrayList<>();
        for (NabSeries s : series) {
            SpikeSettings settings = SpikeSettings.defaults(s.bucket()).withCooldown(cooldown);
            SpikeDetector d = SpikeDetector.tuned(settings, model);
            boolean[] alerts = new boolean[s.values().length];
            for (int i = 0; i < alerts.length; i++) {
                alerts[i] = d.observe(s.times().get(i), s.values()[i]).alert();
            }
            results.add(NabScore.score(alerts, s.windows(), NabScore.Profile.STANDARD));
        }
        return new Trial(model, cooldown, NabScore.normalise(results),
                results.stream().mapToInt(NabScore.Result::detected).sum(),
                results.stream().mapToInt(NabScore.Result::falsePositives).sum());
    }

    /** Which of the product's synthetic requirements the constants keep: "ok", or the ones they break. */
    static String product(SpikeModel model, Duration cooldown) {
        SpikeSettings minute = SpikeSettings.defaults(Duration.ofMinutes(1)).withCooldown(cooldown);
        StringBuilder broken = new StringBuilder();
        for (long seed = 1; seed <= 3; seed++) {
            if (!SpikeDetectorTest.alerts(SpikeDetector.tuned(minute, model), SpikeDetectorTest::quiet,
                    SpikeDetectorTest.WEEKS_4, -1, 1, seed).isEmpty()) {
                broken.append(" quiet-baseline");
                break;
            }
        }
        for (long seed = 1; seed <= 2; seed++) {
            if (!SpikeDetectorTest.alerts(SpikeDetector.tuned(minute, model), SpikeDetectorTest::busy,
                    SpikeDetectorTest.WEEKS_4, -1, 1, seed).isEmpty()) {
                broken.append(" busy-baseline");
                break;
            }
        }
        int quietOnset = 3 * 7 * 24 * 60 + 2 * 24 * 60 + 10 * 60;
        int busyOnset = 3 * 7 * 24 * 60 + 24 * 60 + 14 * 60 + 30;
        for (long seed = 1; seed <= 3; seed++) {
            if (!alertedInTime(model, minute, true, quietOnset, 15, seed)) {
                broken.append(" quiet-wave");
                break;
            }
        }
        for (long seed = 1; seed <= 2; seed++) {
            if (!alertedInTime(model, minute, false, busyOnset, 12, seed)) {
                broken.append(" busy-wave");
                break;
            }
        }
        if (!cliWave(model, cooldown)) {
            broken.append(" cli-wave");
        }
        return broken.isEmpty() ? "ok" : "BROKEN" + broken;
    }

    private static boolean alertedInTime(SpikeModel model, SpikeSettings minute, boolean quiet, int onset, double factor,
                                         long seed) {
        List<Integer> a = SpikeDetectorTest.alerts(SpikeDetector.tuned(minute, model),
                quiet ? SpikeDetectorTest::quiet : SpikeDetectorTest::busy, onset + 120, onset, factor, seed);
        return !a.isEmpty() && a.get(0) >= onset && a.get(0) <= onset + 10;
    }

    /** DetectSpikesCliTest's series: four days of 5-minute counts, one wave of six buckets, alerted once at its start. */
    private static boolean cliWave(SpikeModel model, Duration cooldown) {
        SpikeDetector d = SpikeDetector.tuned(SpikeSettings.defaults(Duration.ofMinutes(5)).withCooldown(cooldown), model);
        Instant t = Instant.parse("2015-03-02T00:02:53Z");
        Random r = new Random(3);
        int wave = 3 * 288 + 150;
        List<Integer> alerts = new ArrayList<>();
        for (int i = 0; i < 4 * 288; i++) {
            Instant at = t.plusSeconds(300L * i);
            int hour = at.atZone(java.time.ZoneOffset.UTC).getHour();
            long v = 20 + (hour >= 9 && hour < 18 ? 20 : 0) + r.nextInt(8) + (i >= wave && i < wave + 6 ? 600 : 0);
            if (d.observe(at, v).alert()) {
                alerts.add(i);
            }
        }
        return alerts.equals(List.of(wave));
    }
}
