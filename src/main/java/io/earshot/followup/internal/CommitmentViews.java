package io.earshot.followup.internal;

import io.earshot.followup.Commitment;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The read side of promises: {@link Commitment} views with their owner's and keeper's names and, while a promise
 * is not kept, the status update drafted for it.
 */
@Repository
public class CommitmentViews {

    private static final String SELECT = "select k.* from commitment k";

    private final JdbcTemplate jdbc;
    private final EarshotClock clock;
    private final Copywriter copywriter;
    private final Agents agents;

    CommitmentViews(JdbcTemplate jdbc, EarshotClock clock, Copywriter copywriter, Agents agents) {
        this.agents = agents;
        this.jdbc = jdbc;
        this.clock = clock;
        this.copywriter = copywriter;
    }

    /** How many promises are tracked, in any state. */
    public long count() {
        return jdbc.queryForObject("select count(*) from commitment", Long.class);
    }

    public Optional<Commitment> byId(long id) {
        Map<Long, String> names = agents.names();
        return jdbc.query(SELECT + " where k.id = ?", (rs, n) -> view(rs, names), id).stream().findFirst();
    }

    /**
     * Promises by state: {@code open}, {@code due} (open and past the reminder point), {@code overdue} (due time
     * passed without being kept: broken, or open and about to be), {@code kept}, {@code broken}; or all.
     */
    public List<Commitment> list(String state, Long ownerId, Long conversationId, int limit) {
        long now = clock.millis();
        StringBuilder sql = new StringBuilder(SELECT + " where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            switch (state) {
                case "open", "kept", "broken" -> {
                    sql.append(" and k.state = ?");
                    args.add(state);
                }
                case "due" -> {
                    sql.append(" and k.state = 'open' and k.remind_at <= ?");
                    args.add(now);
                }
                case "overdue" -> {
                    sql.append(" and (k.state = 'broken' or (k.state = 'open' and k.due_at < ?))");
                    args.add(now);
                }
                default -> throw EarshotException.invalid("state", "state must be open, due, overdue, kept or broken, not '" + state + "'");
            }
        }
        if (ownerId != null) {
            sql.append(" and k.owner_id = ?");
            args.add(ownerId);
        }
        if (conversationId != null) {
            sql.append(" and k.conversation_id = ?");
            args.add(conversationId);
        }
        sql.append(" order by k.due_at, k.id limit ?");
        args.add(limit);
        Map<Long, String> names = agents.names();
        return jdbc.query(sql.toString(), (rs, n) -> view(rs, names), args.toArray());
    }

    /** How many promises are open on each of these conversations. */
    public Map<Long, Integer> openCounts(List<Long> conversationIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return counts;
        }
        jdbc.query("select conversation_id, count(*) from commitment where state = 'open' and conversation_id in ("
                + String.join(",", conversationIds.stream().map(String::valueOf).toList()) + ") group by conversation_id",
                rs -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        return counts;
    }

    private Commitment view(ResultSet rs, Map<Long, String> names) throws SQLException {
        Promise p = Promises.row(rs);
        return new Commitment(Long.toString(p.id()), Long.toString(p.conversationId()), text(p.ownerId()), p.ownerId() == null ? null : names.get(p.ownerId()),
                p.text(), p.kind(), p.when(), p.source(), text(p.messageId()), p.saidAt(), p.dueAt(), p.state().wire(), p.keptAt(),
                text(p.keptBy()), p.keptBy() == null ? null : names.get(p.keptBy()), p.brokenAt(),
                p.state() == Promise.State.KEPT ? null : copywriter.draft(p, clock.instant()),
                p.cadence() == null ? null : p.cadence().toSeconds());
    }

    private static String text(Long id) {
        return id == null ? null : Long.toString(id);
    }
}
