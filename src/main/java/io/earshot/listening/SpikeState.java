package io.earshot.listening;

/**
 * Everything a {@link SpikeDetector} has learned about one series, small enough to keep per topic (about 200
 * numbers plus the last half hour's buckets) and made of plain values, so it can be written as JSON and resumed
 * with {@link SpikeDetector#resume(SpikeState)}.
 *
 * @param settings     the settings the detector runs with
 * @param points       buckets seen
 * @param firstBucket  epoch millis of the first bucket seen
 * @param lastBucket   epoch millis of the last bucket seen
 * @param lastAlert    epoch millis of the last alert, {@link Long#MIN_VALUE} if none
 * @param level        the deseasonalised level, in counts per bucket
 * @param excessNoise  weighted mean of (count − expected)² − expected, for the overdispersion
 * @param expectedSquare weighted mean of expected², for the overdispersion
 * @param dailyFactors hour-of-day factors (24) and how many buckets each has seen
 * @param dailySeen    see dailyFactors
 * @param weeklyFactors hour-of-week factors (168, Monday 00:00 first) on top of the daily ones, and buckets seen
 * @param weeklySeen   see weeklyFactors
 * @param recentCounts the last buckets' counts, oldest first, with their expected counts and variances
 * @param recentExpected see recentCounts
 * @param recentVariances see recentCounts
 */
public record SpikeState(SpikeSettings settings, long points, long firstBucket, long lastBucket, long lastAlert,
                         double level, double excessNoise, double expectedSquare, double[] dailyFactors,
                         int[] dailySeen, double[] weeklyFactors, int[] weeklySeen, long[] recentCounts,
                         double[] recentExpected, double[] recentVariances) {
}
