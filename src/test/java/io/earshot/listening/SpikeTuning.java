package io.earshot.listening;

import io.earshot.cli.NabCorpus;
import io.earshot.cli.NabScore;
import io.earshot.cli.NabSeries;
import io.earshot.listening.internal.SpikeModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How the detector's constants were chosen (not a test): a grid of settings scored with NAB's standard profile
 * (1) on the first half (by time) of every series, and (2) leaving one series out: for each series, the setting
 * best on all of the other four, scored on the one left out. Prints the best settings on the first halves, with the
 * mean of each one's grid neighbours (a plateau, not a peak, is what generalises), and the leave-one-out choices
 * and their held-out scores. The second halves are never scored here. Run: {@code java -cp
 * target/test-classes:target/classes:CP io.earshot.listening.SpikeTuning /work/shared/datasets/nab}.
 */
public final class SpikeTuning {

    static final double[] THRESHOLDS = {2, 2.5, 3, 3.5, 4};
    static final long[] SPAN_HOURS = {1, 2, 4, 6};
    static final long[] HISTORY_DAYS = {7, 14, 28};
    static final long[] COOLDOWN_HOURS = {12, 24, 36};

    private record Trial(int[] at, SpikeModel model, Duration cooldown, List<NabScore.Result> firstHalves,
                         List<NabScore.Result> whole, List<boolean[]> alerts) {

        double first() {
            return NabScore.normalise(firstHalves);
        }

        double without(int series) {
            return NabScore.normalise(IntStream.range(0, whole.size()).filter(i -> i != series)
                    .mapToObj(whole::get).toList());
        }
    }

    public static void main(String[] args) {
        NabCorpus corpus = NabCorpus.load(Path.of(args[0]));
        List<NabSeries> series = corpus.series();
        SpikeModel base = SpikeModel.of(Sensitivity.NORMAL);
        List<Trial> trials = new ArrayList<>();
        for (int a = 0; a < THRESHOLDS.length; a++) {
            for (int b = 0; b < SPAN_HOURS.length; b++) {
                for (int c = 0; c < HISTORY_DAYS.length; c++) {
                    for (int d = 0; d < COOLDOWN_HOURS.length; d++) {
                        SpikeModel m = base.withThreshold(THRESHOLDS[a]).withSpan(Duration.ofHours(SPAN_HOURS[b]))
                                .withHistory(Duration.ofDays(HISTORY_DAYS[c]));
                        Duration cooldown = Duration.ofHours(COOLDOWN_HOURS[d]);
                        List<NabScore.Result> whole = new ArrayList<>();
                        List<NabScore.Result> first = new ArrayList<>();
                        List<boolean[]> all = new ArrayList<>();
                        for (NabSeries s : series) {
                            boolean[] alerts = alerts(s, m, cooldown);
                            all.add(alerts);
                            whole.add(NabScore.score(alerts, s.windows(), NabScore.Profile.STANDARD));
                            int half = s.values().length / 2;
                            first.add(NabScore.score(java.util.Arrays.copyOf(alerts, half), s.head(half).windows(),
                                    NabScore.Profile.STANDARD));
                        }
                        trials.add(new Trial(new int[] {a, b, c, d}, m, cooldown, first, whole, all));
                    }
                }
            }
        }
        System.out.println("first halves: best 20 (score, mean of the grid neighbours, windows, FPs)");
        trials.stream().sorted(Comparator.comparingDouble(Trial::first).reversed()).limit(20)
                .forEach(t -> System.out.printf(Locale.ROOT, "%6.1f %6.1f det %d fp %3d %s%n", t.first(),
                        neighbours(trials, t), t.firstHalves.stream().mapToInt(NabScore.Result::detected).sum(),
                        t.firstHalves.stream().mapToInt(NabScore.Result::falsePositives).sum(), describe(t)));
        System.out.println("leave one series out: chosen on the other four, scored on the one left out");
        List<NabScore.Result> held = new ArrayList<>();
        List<List<NabScore.Result>> heldBy = new ArrayList<>();
        corpus.profiles().forEach(p -> heldBy.add(new ArrayList<>()));
        for (int i = 0; i < series.size(); i++) {
            int out = i;
            Trial best = trials.stream().max(Comparator.comparingDouble(t -> t.without(out))).orElseThrow();
            held.add(best.whole.get(i));
            for (int p = 0; p < corpus.profiles().size(); p++) {
                heldBy.get(p).add(NabScore.score(best.alerts.get(i), series.get(i).windows(), corpus.profiles().get(p)));
            }
            System.out.printf(Locale.ROOT, "  %-24s chosen %s (%.1f on the others), %.1f on it%n", series.get(i).name(),
                    describe(best), best.without(i), best.whole.get(i).normalised());
        }
        System.out.printf(Locale.ROOT, "leave-one-series-out category: %.1f (%d / %d windows, %d FPs)%n",
                NabScore.normalise(held), held.stream().mapToInt(NabScore.Result::detected).sum(),
                held.stream().mapToInt(NabScore.Result::windows).sum(),
                held.stream().mapToInt(NabScore.Result::falsePositives).sum());
        for (int p = 0; p < corpus.profiles().size(); p++) {
            System.out.printf(Locale.ROOT, "  under %s: %.1f%n", corpus.profiles().get(p).name(),
                    NabScore.normalise(heldBy.get(p)));
        }
        Trial chosen = trials.stream().filter(t -> t.model.threshold() == base.threshold()
                && t.model.span().equals(base.span()) && t.model.history().equals(base.history())
                && t.cooldown.equals(SpikeSettings.DEFAULT_COOLDOWN)).findFirst().orElseThrow();
        System.out.printf(Locale.ROOT, "the default (%s): first halves %.1f, neighbours %.1f%n", describe(chosen),
                chosen.first(), neighbours(trials, chosen));
        for (int i = 0; i < series.size(); i++) {
            int out = i;
            long better = trials.stream().filter(t -> t.without(out) > chosen.without(out)).count();
            System.out.printf(Locale.ROOT, "  without %-24s it scores %.1f on the others (rank %d of %d)%n",
                    series.get(i).name(), chosen.without(i), better + 1, trials.size());
        }
        long better = trials.stream().filter(t -> t.first() > chosen.first()).count();
        System.out.printf(Locale.ROOT, "  on the first halves: rank %d of %d%n", better + 1, trials.size());
    }

    /** The mean first-halves score of the settings one grid step away in any one dimension (and itself). */
    private static double neighbours(List<Trial> trials, Trial t) {
        return trials.stream().filter(o -> {
            int steps = 0;
            for (int k = 0; k < 4; k++) {
                steps += Math.abs(o.at[k] - t.at[k]);
            }
            return steps <= 1;
        }).mapToDouble(Trial::first).average().orElse(Double.NaN);
    }

    private static String describe(Trial t) {
        return String.format(Locale.ROOT, "threshold %.1f span %d h history %d d cooldown %d h", t.model.threshold(),
                t.model.span().toHours(), t.model.history().toDays(), t.cooldown.toHours());
    }

    static boolean[] alerts(NabSeries s, SpikeModel model, Duration cooldown) {
        SpikeDetector d = SpikeDetector.tuned(SpikeSettings.defaults(s.bucket()).withCooldown(cooldown), model);
        boolean[] alerts = new boolean[s.values().length];
        for (int i = 0; i < alerts.length; i++) {
            alerts[i] = d.observe(s.times().get(i), s.values()[i]).alert();
        }
        return alerts;
    }
}
