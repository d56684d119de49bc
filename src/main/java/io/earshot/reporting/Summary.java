package io.earshot.reporting;

/**
 * The summary report over conversations created in a period. Durations are in seconds.
 *
 * @param conversations       conversations created in the period
 * @param silentConversations conversations of the period, still open, whose customer has not heard from us for longer
 *                            than the update cadence
 * @param repliesPerHour      outbound messages in the period per hour of the period
 */
public record Summary(long conversations, Durations firstResponse, Durations resolution, Commitments commitments,
                      long silentConversations, double repliesPerHour, long replies, long inbound) {

    /** Median and 90th percentile, in seconds; null when nothing was measured. */
    public record Durations(Double median, Double p90, long count) {
    }

    /** Promises made, kept and broken in the period. */
    public record Commitments(long made, long kept, long broken, Double keptRate) {
    }
}
