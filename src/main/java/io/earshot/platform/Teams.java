package io.earshot.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Teams and who belongs to which. Reads are served from a snapshot at most {@link #FRESHNESS} old (the
 * deadline planner asks on the ingest path), refreshed at once after a change made here.
 */
@Repository
public class Teams {

    static final Duration FRESHNESS = Duration.ofSeconds(10);
    private static final RowMapper<Team> TEAM = (rs, n) -> new Team(rs.getLong("id"), rs.getString("name"),
            rs.getString("time_zone"), rs.getString("hours"), rs.getString("holidays"), (Long) rs.getObject("lead_id", Long.class));

    private record Snapshot(long loadedAt, Map<Long, Team> byId, Map<Long, Long> teamOfAgent) {
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    Teams(JdbcClient jdbc, IdGenerator ids, EarshotClock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public Team create(String name, String timeZone, String hours, String holidays, Long leadId) {
        check(name, timeZone, hours, holidays);
        long id = ids.nextId();
        jdbc.sql("insert into team (id, name, time_zone, hours, holidays, lead_id, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, name, timeZone, hours, holidays, leadId, clock.millis()).update();
        snapshot.set(null);
        return new Team(id, name, timeZone, hours, holidays, leadId);
    }

    public void update(Team team) {
        check(team.name(), team.timeZone(), team.hours(), team.holidays());
        jdbc.sql("update team set name = ?, time_zone = ?, hours = ?, holidays = ?, lead_id = ? where id = ?")
                .params(team.name(), team.timeZone(), team.hours(), team.holidays(), team.leadId(), team.id()).update();
        snapshot.set(null);
    }

    /** Refuses what the table cannot hold, before anything is written. */
    private static void check(String name, String timeZone, String hours, String holidays) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw EarshotException.invalid("name", "a team needs a name of at most 200 characters");
        }
        if (timeZone == null || timeZone.length() > 64) {
            throw EarshotException.invalid("timeZone", "timeZone must be a zone such as Europe/Berlin");
        }
        if (hours == null || hours.length() > 300) {
            throw EarshotException.invalid("hours", "hours must be at most 300 characters, such as mon-fri 09:00-17:00");
        }
        if (holidays != null && holidays.length() > 4000) {
            throw EarshotException.invalid("holidays", "holidays take at most 4000 characters");
        }
    }

    /** Puts an agent in a team, or in none with {@code null}. */
    public void join(long agentId, Long teamId) {
        jdbc.sql("update agent set team_id = ? where id = ?").params(teamId, agentId).update();
        snapshot.set(null);
    }

    public Optional<Team> byId(long id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    public Optional<Team> byName(String name) {
        return current().byId().values().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    public List<Team> all() {
        return current().byId().values().stream().sorted(java.util.Comparator.comparingLong(Team::id)).toList();
    }

    /** The team of an agent, if the agent is in one. */
    public Optional<Team> teamOf(Long agentId) {
        if (agentId == null) {
            return Optional.empty();
        }
        Snapshot s = current();
        Long teamId = s.teamOfAgent().get(agentId);
        return teamId == null ? Optional.empty() : Optional.ofNullable(s.byId().get(teamId));
    }

    /** The agents of a team. */
    public List<Long> members(long teamId) {
        return current().teamOfAgent().entrySet().stream().filter(e -> e.getValue() == teamId).map(Map.Entry::getKey).sorted().toList();
    }

    private Snapshot current() {
        Snapshot s = snapshot.get();
        long now = System.nanoTime(); // freshness of a cache, not domain time
        if (s == null || now - s.loadedAt() > FRESHNESS.toNanos()) {
            Map<Long, Team> byId = new HashMap<>();
            jdbc.sql("select id, name, time_zone, hours, holidays, lead_id from team").query(TEAM).list().forEach(t -> byId.put(t.id(), t));
            Map<Long, Long> members = new HashMap<>();
            jdbc.sql("select id, team_id from agent where team_id is not null").query((rs, n) -> {
                members.put(rs.getLong(1), rs.getLong(2));
                return null;
            }).list();
            s = new Snapshot(now, Map.copyOf(byId), Map.copyOf(members));
            snapshot.set(s);
        }
        return s;
    }
}
