package io.earshot.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Figures computed in SQL, so they stay fast on a million conversations. */
@Service
public class Reports {

    private final JdbcTemplate jdbc;

    Reports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Summary summary(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        // one pass over the period's conversations (percentile_cont and count(x) skip nulls)
        ConversationFigures c = jdbc.queryForObject("select count(*), "
                + "percentile_cont(0.5) within group (order by first_response_seconds), "
                + "percentile_cont(0.9) within group (order by first_response_seconds), count(first_response_seconds), "
                + "percentile_cont(0.5) within group (order by resolution_seconds), "
                + "percentile_cont(0.9) within group (order by resolution_seconds), count(resolution_seconds) "
                + "from conversation where created_at >= ? and created_at < ?",
                (rs, n) -> new ConversationFigures(rs.getLong(1), durations(rs, 2), durations(rs, 5)),
                a, b);
        long replies = count("select count(*) from message where inbound = false and created_at >= ? and created_at < ?", a, b);
        long inbound = count("select count(*) from message where inbound = true and created_at >= ? and created_at < ?", a, b);
        long silent = count("select count(distinct conversation_id) from alert where kind = 'silent_customer' "
                + "and fired_at >= ? and fired_at < ?", a, b);
        // met: reached in time (answered, resolved, or never left silent) without a recorded breach of that target
        Summary.Sla sla = jdbc.queryForObject("select "
                + "sum(case when c.first_response_at is not null and not exists (select 1 from sla_breach s where s.conversation_id = c.id "
                + "and s.target = 'firstResponse') then 1 else 0 end), "
                + "sum(case when exists (select 1 from sla_breach s where s.conversation_id = c.id and s.target = 'firstResponse') then 1 else 0 end), "
                + "sum(case when c.first_response_at is not null and not exists (select 1 from sla_breach s where s.conversation_id = c.id "
                + "and s.target = 'nextUpdate') then 1 else 0 end), "
                + "sum(case when exists (select 1 from sla_breach s where s.conversation_id = c.id and s.target = 'nextUpdate') then 1 else 0 end), "
                + "sum(case when c.resolved_at is not null and not exists (select 1 from sla_breach s where s.conversation_id = c.id "
                + "and s.target = 'resolution') then 1 else 0 end), "
                + "sum(case when exists (select 1 from sla_breach s where s.conversation_id = c.id and s.target = 'resolution') then 1 else 0 end) "
                + "from conversation c where c.created_at >= ? and c.created_at < ?",
                (rs, n) -> new Summary.Sla(Summary.Target.of(rs.getLong(1), rs.getLong(2)), Summary.Target.of(rs.getLong(3), rs.getLong(4)),
                        Summary.Target.of(rs.getLong(5), rs.getLong(6))), a, b);
        double hours = Math.max(1.0 / 60, (b - a) / 3_600_000.0);
        return new Summary(c.count(), c.firstResponse(), c.resolution(), commitments(null, a, b), silent,
                Math.round(replies / hours * 100) / 100.0, replies, inbound, sla, csat(null, a, b));
    }

    /** Follow-through per agent over a period. */
    public List<AgentFigures> perAgent(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        List<AgentFigures> out = new ArrayList<>();
        jdbc.query("select g.id, g.name, t.name from agent g left join team t on t.id = g.team_id order by g.name, g.id", rs -> {
            long id = rs.getLong(1);
            String where = "= " + id;
            out.add(new AgentFigures(Long.toString(id), rs.getString(2), rs.getString(3),
                    count("select count(*) from message where inbound = false and agent_id " + where + " and created_at >= ? and created_at < ?", a, b),
                    commitments(where, a, b),
                    count("select count(*) from sla_breach where assignee_id " + where + " and breached_at >= ? and breached_at < ?", a, b),
                    silentOf(where, a, b), csat(where, a, b)));
        });
        return out;
    }

    /** Follow-through per team over a period (agents outside any team are left out). */
    public List<AgentFigures> perTeam(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        List<AgentFigures> out = new ArrayList<>();
        jdbc.query("select id, name from team order by name, id", rs -> {
            long id = rs.getLong(1);
            String where = "in (select id from agent where team_id = " + id + ")";
            out.add(new AgentFigures(Long.toString(id), rs.getString(2), rs.getString(2),
                    count("select count(*) from message where inbound = false and agent_id " + where + " and created_at >= ? and created_at < ?", a, b),
                    commitments(where, a, b),
                    count("select count(*) from sla_breach where assignee_id " + where + " and breached_at >= ? and breached_at < ?", a, b),
                    silentOf(where, a, b), csat(where, a, b)));
        });
        return out;
    }

    private long silentOf(String agentCondition, long a, long b) {
        return count("select count(distinct a.conversation_id) from alert a join conversation c on c.id = a.conversation_id "
                + "where a.kind = 'silent_customer' and c.assignee_id " + agentCondition + " and a.fired_at >= ? and a.fired_at < ?", a, b);
    }

    /** {@code ownerCondition} is a fixed SQL fragment built from ids, never from user text. */
    private Summary.Commitments commitments(String ownerCondition, long a, long b) {
        String owner = ownerCondition == null ? "" : " and owner_id " + ownerCondition;
        return jdbc.queryForObject("select count(*), sum(case when state = 'kept' then 1 else 0 end), "
                + "sum(case when state = 'broken' then 1 else 0 end), sum(case when state = 'open' then 1 else 0 end) "
                + "from commitment where said_at >= ? and said_at < ?" + owner,
                (rs, n) -> Summary.Commitments.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), a, b);
    }

    private Summary.Csat csat(String agentCondition, long a, long b) {
        String agent = agentCondition == null ? "" : " and agent_id " + agentCondition;
        long[] distribution = new long[5];
        jdbc.query("select rating, count(*) from csat where answered_at >= ? and answered_at < ?" + agent + " group by rating", rs -> {
            int r = rs.getInt(1);
            if (r >= 1 && r <= 5) {
                distribution[r - 1] = rs.getLong(2);
            }
        }, a, b);
        long n = 0;
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            n += distribution[i];
            sum += distribution[i] * (i + 1);
        }
        return new Summary.Csat(n, n == 0 ? null : Summary.round((double) sum / n), distribution);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private record ConversationFigures(long count, Summary.Durations firstResponse, Summary.Durations resolution) {
    }

    private static Summary.Durations durations(ResultSet rs, int column) throws SQLException {
        double median = rs.getDouble(column);
        boolean none = rs.wasNull();
        double p90 = rs.getDouble(column + 1);
        return new Summary.Durations(none ? null : median, none ? null : p90, rs.getLong(column + 2));
    }
}
