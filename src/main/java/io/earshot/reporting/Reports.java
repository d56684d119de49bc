package io.earshot.reporting;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Figures computed in SQL, so they stay fast on a million conversations. */
@Service
public class Reports {

    private final JdbcTemplate jdbc;

    Reports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Summary summary(Instant from, Instant to, Instant now, Duration updateCadence) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        long conversations = jdbc.queryForObject("select count(*) from conversation where created_at >= ? and created_at < ?",
                Long.class, a, b);
        Summary.Durations first = durations("first_response_seconds", a, b);
        Summary.Durations resolution = durations("resolution_seconds", a, b);
        long replies = jdbc.queryForObject("select count(*) from message where inbound = false and created_at >= ? and created_at < ?",
                Long.class, a, b);
        long inbound = jdbc.queryForObject("select count(*) from message where inbound = true and created_at >= ? and created_at < ?",
                Long.class, a, b);
        long silent = jdbc.queryForObject("select count(*) from conversation where created_at >= ? and created_at < ? "
                + "and status = 'open' and coalesce(last_outbound_at, created_at) < ?", Long.class, a, b,
                now.toEpochMilli() - updateCadence.toMillis());
        double hours = Math.max(1.0 / 60, (b - a) / 3_600_000.0);
        return new Summary(conversations, first, resolution, new Summary.Commitments(0, 0, 0, null), silent,
                Math.round(replies / hours * 100) / 100.0, replies, inbound);
    }

    private Summary.Durations durations(String column, long a, long b) {
        return jdbc.queryForObject("select percentile_cont(0.5) within group (order by " + column + "), "
                + "percentile_cont(0.9) within group (order by " + column + "), count(" + column + ") from conversation "
                + "where created_at >= ? and created_at < ? and " + column + " is not null",
                (rs, n) -> {
                    double median = rs.getDouble(1);
                    boolean none = rs.wasNull();
                    double p90 = rs.getDouble(2);
                    return new Summary.Durations(none ? null : median, none ? null : p90, rs.getLong(3));
                }, a, b);
    }
}
