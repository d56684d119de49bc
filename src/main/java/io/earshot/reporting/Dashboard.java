package io.earshot.reporting;

import io.earshot.platform.EarshotException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The figures behind the dashboard's charts, over a period cut into buckets (an hour for periods up to three days,
 * a day otherwise; buckets are whole UTC hours or days, the first and last clipped to the period). Everything is
 * grouped in SQL: bucketing is integer division of the epoch-millisecond column, so the same statements run on H2
 * and PostgreSQL.
 */
@Service
public class Dashboard {

    /** Periods up to this long are cut into hours, longer ones into days. */
    public static final Duration HOURLY_UP_TO = Duration.ofDays(3);
    /** The longest period the dashboard computes (a year and a day, for a leap year's worth of days). */
    public static final Duration LONGEST = Duration.ofDays(366);
    /** The sentiment labels in chart order; messages without one are counted as {@code unclassified}. */
    public static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");
    public static final String UNCLASSIFIED = "unclassified";
    /** The histogram bins for first-response and resolution times. */
    public static final List<Bin> BINS = List.of(
            new Bin("<15m", 0, 15 * 60L), new Bin("15-60m", 15 * 60L, 3600L), new Bin("1-4h", 3600L, 4 * 3600L),
            new Bin("4-24h", 4 * 3600L, 24 * 3600L), new Bin("1-3d", 24 * 3600L, 3 * 24 * 3600L), new Bin(">3d", 3 * 24 * 3600L, null));

    private final JdbcTemplate jdbc;
    private final Reports reports;

    Dashboard(JdbcTemplate jdbc, Reports reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    /** A histogram bin: {@code fromSeconds} inclusive, {@code toSeconds} exclusive (null: no upper bound). */
    public record Bin(String label, long fromSeconds, Long toSeconds) {
    }

    /** One line of a chart: a key (channel, sentiment, ...) and a value per bucket. */
    public record Series(String key, long[] values) {

        public long total() {
            long t = 0;
            for (long v : values) {
                t += v;
            }
            return t;
        }
    }

    /** An agent's outbound messages in the period and those per hour of the period. */
    public record AgentRate(String id, String name, long replies, double perHour) {
    }

    /**
     * The dashboard over {@code [from, to)}.
     *
     * @param bucket       the bucket size (an hour or a day)
     * @param buckets      the start of each bucket (the first is clipped to {@code from})
     * @param byChannel    inbound messages per bucket per channel, the busiest channel first
     * @param bySentiment  inbound messages per bucket per sentiment: negative, neutral, positive, and
     *                     {@code unclassified} when some had no label
     * @param firstResponse conversations created in the period per first-response-time bin ({@link #BINS})
     * @param resolution   conversations created in the period (and now resolved) per resolution-time bin
     * @param backlog      open and pending conversations at the end of each bucket (see {@link Dashboard#figures})
     * @param agents       replies per agent, the busiest first
     * @param summary      the headline figures ({@link Reports#summary})
     */
    public record Figures(Instant from, Instant to, Duration bucket, List<Instant> buckets, List<Series> byChannel,
                          List<Series> bySentiment, long[] firstResponse, long[] resolution, long[] backlog,
                          List<AgentRate> agents, Summary summary) {

        /** Where bucket {@code i} ends: the next bucket's start, or {@code to} for the last. */
        public Instant bucketEnd(int i) {
            return i + 1 < buckets.size() ? buckets.get(i + 1) : to;
        }
    }

    /** The bucket size for a period: an hour up to {@link #HOURLY_UP_TO}, a day beyond. */
    public static Duration bucketFor(Instant from, Instant to) {
        return Duration.between(from, to).compareTo(HOURLY_UP_TO) <= 0 ? Duration.ofHours(1) : Duration.ofDays(1);
    }

    /**
     * Computes every figure over {@code [from, to)}.
     *
     * <p>Backlog: a conversation counts at an instant t when it was created before t and had not left by t, where
     * it leaves at {@code resolved_at} (or its creation, if the clocks disagree). So the backlog at t is
     * conversations created before t minus those that left before t: one count at {@code from}, then per bucket
     * the arrivals minus the departures, summed up. It is approximate in one way: a conversation keeps only its
     * latest resolution ({@code resolved_at} is cleared on reopening), so one that was resolved and later reopened
     * counts as waiting for the whole time in between, and one reopened and still open counts from its creation.
     * Pending conversations count as backlog.
     */
    public Figures figures(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw EarshotException.invalid("from", "from must be before to");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw EarshotException.invalid("from", "the period may be at most " + LONGEST.toDays() + " days long");
        }
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        Duration bucket = bucketFor(from, to);
        long size = bucket.toMillis();
        long first = Math.floorDiv(a, size);
        int n = (int) (Math.floorDiv(b - 1, size) - first + 1);
        List<Instant> starts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            starts.add(Instant.ofEpochMilli(Math.max(a, (first + i) * size)));
        }

        List<Series> byChannel = perBucketAndKey("select b, channel, count(*) from (select created_at / ? as b, channel from message "
                + "where inbound = true and created_at >= ? and created_at < ?) x group by b, channel", size, a, b, first, n, List.of());
        byChannel.sort((x, y) -> x.total() != y.total() ? Long.compare(y.total(), x.total()) : x.key().compareTo(y.key()));
        List<Series> bySentiment = perBucketAndKey("select b, s, count(*) from (select created_at / ? as b, "
                + "coalesce(sentiment_label, '" + UNCLASSIFIED + "') as s from message "
                + "where inbound = true and created_at >= ? and created_at < ?) x group by b, s", size, a, b, first, n, SENTIMENTS);

        return new Figures(from, to, bucket, List.copyOf(starts), List.copyOf(byChannel), List.copyOf(bySentiment),
                histogram("first_response_seconds", a, b), histogram("resolution_seconds", a, b), backlog(a, b, size, first, n),
                agents(a, b), reports.summary(from, to));
    }

    /**
     * Counts per bucket and key; {@code fixedKeys} come first in that order (even when empty), other keys after.
     * The statement takes (bucket size, from, to) and answers (bucket number, key, count).
     */
    private List<Series> perBucketAndKey(String sql, long size, long a, long b, long first, int n, List<String> fixedKeys) {
        Map<String, long[]> values = new LinkedHashMap<>();
        for (String k : fixedKeys) {
            values.put(k, new long[n]);
        }
        jdbc.query(sql, rs -> {
            int i = (int) (rs.getLong(1) - first);
            String key = rs.getString(2);
            if (i >= 0 && i < n && key != null) {
                values.computeIfAbsent(key, k -> new long[n])[i] += rs.getLong(3);
            }
        }, size, a, b);
        List<Series> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(new Series(k, v)));
        return out;
    }

    /** Conversations created in the period per bin of {@code column} (a duration in seconds); unmeasured ones are left out. */
    private long[] histogram(String column, long a, long b) {
        StringBuilder bin = new StringBuilder("case");
        for (int i = 0; i < BINS.size(); i++) {
            Long upper = BINS.get(i).toSeconds();
            if (upper != null) {
                bin.append(" when ").append(column).append(" < ").append(upper).append(" then ").append(i);
            }
        }
        bin.append(" else ").append(BINS.size() - 1).append(" end");
        long[] counts = new long[BINS.size()];
        jdbc.query("select bin, count(*) from (select " + bin + " as bin from conversation where created_at >= ? and created_at < ? and "
                + column + " is not null) x group by bin", rs -> {
            int i = rs.getInt(1);
            if (i >= 0 && i < counts.length) {
                counts[i] += rs.getLong(2);
            }
        }, a, b);
        return counts;
    }

    private long[] backlog(long a, long b, long size, long first, int n) {
        Long before = jdbc.queryForObject("select count(*) from conversation where created_at < ? "
                + "and (resolved_at is null or greatest(created_at, resolved_at) >= ?)", Long.class, a, a);
        long[] delta = new long[n];
        jdbc.query("select b, count(*) from (select created_at / ? as b from conversation where created_at >= ? and created_at < ?) x group by b",
                rs -> {
                    int i = (int) (rs.getLong(1) - first);
                    if (i >= 0 && i < n) {
                        delta[i] += rs.getLong(2);
                    }
                }, size, a, b);
        jdbc.query("select b, count(*) from (select greatest(created_at, resolved_at) / ? as b from conversation where resolved_at is not null "
                + "and resolved_at < ? and greatest(created_at, resolved_at) >= ? and greatest(created_at, resolved_at) < ?) x group by b",
                rs -> {
                    int i = (int) (rs.getLong(1) - first);
                    if (i >= 0 && i < n) {
                        delta[i] -= rs.getLong(2);
                    }
                }, size, b, a, b);
        long[] out = new long[n];
        long running = before == null ? 0 : before;
        for (int i = 0; i < n; i++) {
            running += delta[i];
            out[i] = Math.max(0, running);
        }
        return out;
    }

    private List<AgentRate> agents(long a, long b) {
        double hours = Math.max(1.0 / 60, (b - a) / 3_600_000.0);
        return jdbc.query("select m.agent_id, max(g.name), count(*) from message m left join agent g on g.id = m.agent_id "
                        + "where m.inbound = false and m.agent_id is not null and m.created_at >= ? and m.created_at < ? "
                        + "group by m.agent_id order by count(*) desc, m.agent_id",
                (rs, i) -> {
                    long replies = rs.getLong(3);
                    String name = rs.getString(2);
                    return new AgentRate(Long.toString(rs.getLong(1)), name == null ? "agent " + rs.getLong(1) : name, replies,
                            Math.round(replies / hours * 100) / 100.0);
                }, a, b);
    }
}
