package io.earshot.listening;

import io.earshot.cli.NabCorpus;
import io.earshot.cli.NabScore;
import io.earshot.cli.NabSeries;
import io.earshot.listening.internal.SpikeModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the detector's constants were chosen (not a test): a grid of settings scored with NAB's standard profile on
 * the first half (by time) of every series, or with a second argument such as {@code AAPL,FB} on the series whose
 * names contain one of its words; prints the best. The held-out part is not scored here. Run: {@code java -cp target/test-classes:target/classes:CP
 * io.earshot.listening.SpikeTuning /work/shared/datasets/nab [time|AAPL,FB]}.
 */
public final class SpikeTuning {

    private record Trial(SpikeModel model, Duration cooldown, double standard, int detected, int fps) {
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
        for (double threshold : new double[] {6, 10, 15, 20, 30}) {
            for (double minRatio : new double[] {2, 4, 8, 12}) {
                for (long levelHours : new long[] {3, 6, 12}) {
                    for (long spanMinutes : new long[] {5, 30}) {
                        for (long cooldownHours : new long[] {12, 24, 48}) {
                            SpikeModel m = new SpikeModel(threshold, minRatio, base.minExcess(), Duration.ofHours(levelHours),
                                    base.dailyHalfLife(), base.weeklyHalfLife(), Duration.ofMinutes(spanMinutes),
                                    base.warmup(), base.clip(), base.dispersionHalfLife());
                            trials.add(trial(series, m, Duration.ofHours(cooldownHours)));
                        }
                    }
                }
            }
        }
        trials.sort(Comparator.comparingDouble(Trial::standard).reversed());
        trials.stream().limit(25).forEach(t -> System.out.printf(Locale.ROOT, "%6.1f det %d fp %3d cooldown %s %s%n",
                t.standard, t.detected, t.fps, t.cooldown, t.model));
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
}
