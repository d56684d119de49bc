package io.earshot.reporting;

/**
 * The summary report over a period. Durations are in seconds.
 *
 * @param conversations       conversations created in the period
 * @param commitments         promises made in the period, and how they ended
 * @param silentConversations conversations whose customer was left in silence past the update cadence
 *                            ({@code silent_customer} raised in the period)
 * @param sla                 compliance per target, over the conversations created in the period
 * @param csat                satisfaction answers received in the period
 * @param repliesPerHour      outbound messages in the period per hour of the period
 */
public record Summary(long conversations, Durations firstResponse, Durations resolution, Commitments commitments,
                      long silentConversations, double repliesPerHour, long replies, long inbound, Sla sla, Csat csat) {

    /** Median and 90th percentile, in seconds; null when nothing was measured. */
    public record Durations(Double median, Double p90, long count) {
    }

    /** Promises made, kept and broken; {@code keptRate} = kept / (kept + broken), null before any ended. */
    public record Commitments(long made, long kept, long broken, long open, Double keptRate) {

        static Commitments of(long made, long kept, long broken, long open) {
            return new Commitments(made, kept, broken, open, kept + broken == 0 ? null : round((double) kept / (kept + broken)));
        }
    }

    /** Met and breached per SLA target; {@code compliance} = met / (met + breached). */
    public record Target(long met, long breached, Double compliance) {

        static Target of(long met, long breached) {
            return new Target(met, breached, met + breached == 0 ? null : round((double) met / (met + breached)));
        }
    }

    /** SLA compliance per target. {@code nextUpdate} counts update-cadence breaches (silences). */
    public record Sla(Target firstResponse, Target nextUpdate, Target resolution) {
    }

    /** Satisfaction: answers, their average (1-5) and how many gave each score. */
    public record Csat(long responses, Double average, long[] distribution) {
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
