package io.earshot.incidents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The crisis table: each crisis an incident had, who started and who ended it; at most one is on. */
@Component
public class CrisisRows {

    /** A crisis: {@code endedAt} null while it is on. */
    public record Row(long id, long incidentId, Long teamId, long startedAt, String startedBy, Long endedAt, String endedBy) {
    }

    private static final String COLUMNS = "id, incident_id, team_id, started_at, started_by, ended_at, ended_by";

    private final JdbcTemplate jdbc;

    CrisisRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts one; false when a crisis is on already (the unique index says so, across instances). */
    public boolean insert(long id, long incidentId, Long teamId, long now, String by) {
        return jdbc.update("insert into crisis (id, incident_id, team_id, started_at, started_by) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing", id, incidentId, teamId, now, by) == 1;
    }

    /** Ends the incident's crisis if it is on; false when none was. */
    public boolean end(long incidentId, long now, String by) {
        return jdbc.update("update crisis set ended_at = ?, ended_by = ? where incident_id = ? and ended_at is null",
                now, by, incidentId) == 1;
    }

    public Optional<Row> on() {
        return jdbc.query("select " + COLUMNS + " from crisis where ended_at is null", CrisisRows::row).stream().findFirst();
    }

    /** The incident's crises, newest first. */
    public List<Row> ofIncident(long incidentId) {
        return jdbc.query("select " + COLUMNS + " from crisis where incident_id = ? order by started_at desc, id desc",
                CrisisRows::row, incidentId);
    }

    /** The title of the incident in crisis that this conversation is a member of, if any: one indexed look-up. */
    public Optional<String> pinnedTitle(long conversationId) {
        return jdbc.queryForList("select i.title from crisis k join incident i on i.id = k.incident_id join incident_member m "
                + "on m.incident_id = k.incident_id and m.conversation_id = ? and m.removed_at is null where k.ended_at is null",
                String.class, conversationId).stream().findFirst();
    }

    /** The title of the incident in crisis, if one is on. */
    public Optional<String> onTitle() {
        return jdbc.queryForList("select i.title from crisis k join incident i on i.id = k.incident_id where k.ended_at is null",
                String.class).stream().findFirst();
    }

    /** How many members joined the incident since {@code since}. */
    public int joinedSince(long incidentId, long since) {
        Integer n = jdbc.queryForObject("select count(*) from incident_member where incident_id = ? and removed_at is null "
                + "and joined_at >= ?", Integer.class, incidentId, since);
        return n == null ? 0 : n;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long team = rs.getLong("team_id");
        Long teamId = rs.wasNull() ? null : team;
        long ended = rs.getLong("ended_at");
        Long endedAt = rs.wasNull() ? null : ended;
        return new Row(rs.getLong("id"), rs.getLong("incident_id"), teamId, rs.getLong("started_at"), rs.getString("started_by"),
                endedAt, rs.getString("ended_by"));
    }
}
