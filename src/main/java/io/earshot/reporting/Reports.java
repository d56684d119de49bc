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
        long silentBefore = now.toEpochMilli() - updateCadence.toMillis();
        // one pass over the period's conversations (percentile_cont and count(x) skip nulls)
        ConversationFigures c = jdbc.queryForObject("select count(*), "
                + "percentile_cont(0.5) within group (order by first_response_seconds), "
                + "percentile_cont(0.9) within group (order by first_response_seconds), count(first_response_seconds), "
                + "percentile_cont(0.5) within group (order by resolution_seconds), "
                + "percentile_cont(0.9) within group (order by resolution_seconds), count(resolution_seconds), "
                + "sum(case when status = 'open' and coalesce(last_outbound_at, created_at) < ? then 1 else 0 end) "
                + "from conversation where created_at >= ? and created_at < ?",
                (rs, n) -> new ConversationFigures(rs.getLong(1), durations(rs, 2), durations(rs, 5), rs.getLong(8)),
                silentBefore, a, b);
        long replies = jdbc.queryForObject("select count(*) from message where inbound = false and created_at >= ? and created_at < ?",
                Long.class, a, b);
        long inbound = jdbc.queryForObject("select count(*) from message where inbound = true and created_at >= ? and created_at < ?",
                Long.class, a, b);
        double hours = Math.max(1.0 / 60, (b - a) / 3_600_000.0);
        return new Summary(c.count(), c.firstResponse(), c.resolution(), new Summary.Commitments(0, 0, 0, null), c.silent(),
                Math.round(replies / hours * 100) / 100.0, replies, inbound);
    }

    private record ConversationFigures(long count, Summary.Durations firstResponse, Summary.Durations resolution, long silent) {
    }

    private static Summary.Durations durations(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        double median = rs.getDouble(column);
        boolean none = rs.wasNull();
        double p90 = rs.getDouble(column + 1);
        return new Summary.Durations(none ? null : median, none ? null : p90, rs.getLong(column + 2));
    }
}
