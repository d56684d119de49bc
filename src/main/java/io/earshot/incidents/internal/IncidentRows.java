package io.earshot.incidents.internal;

import io.earshot.incidents.Incident;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The incident tables: incidents, their members, their updates and who was told each. */
@Component
public class IncidentRows {

    /** An incident's own row. */
    public record Row(long id, String title, Long topicId, String status, String openedBy, long createdAt, Long resolvedAt,
                      String resolvedBy) {
        public boolean open() {
            return "open".equals(status);
        }
    }

    /** An update's row. */
    public record UpdateRow(long id, long incidentId, String kind, String text, long authorId, long createdAt) {
    }

    /** A member to add. */
    public record NewMember(long conversationId, String channel, String reason, double similarity, String words) {
    }

    /** A delivery waiting to go out, with where it goes. */
    public record Queued(long conversationId, String paceKey) {
    }

    private final JdbcTemplate jdbc;

    IncidentRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an incident; false when its topic already has an open one (the unique index said no). */
    public boolean insert(long id, String title, Long topicId, String openedBy, long now) {
        return jdbc.update("insert into incident (id, title, topic_id, status, opened_by, created_at) values (?, ?, ?, 'open', ?, ?) "
                + "on conflict do nothing", id, title, topicId, openedBy, now) == 1;
    }

    public Optional<Row> byId(long id) {
        return jdbc.query("select * from incident where id = ?", IncidentRows::row, id).stream().findFirst();
    }

    /** The incident's row, locked until the caller's transaction ends (one change to an incident at a time). */
    public Optional<Row> lock(long id) {
        return jdbc.query("select * from incident where id = ? for update", IncidentRows::row, id).stream().findFirst();
    }

    public Optional<Row> openForTopic(long topicId) {
        return jdbc.query("select * from incident where topic_id = ? and status = 'open'", IncidentRows::row, topicId)
                .stream().findFirst();
    }

    public List<Row> open() {
        return jdbc.query("select * from incident where status = 'open' order by created_at desc, id desc", IncidentRows::row);
    }

    /** The ids of the open incidents (a handful: read on every stored batch of inbound messages). */
    public List<Long> openIds() {
        return jdbc.queryForList("select id from incident where status = 'open'", Long.class);
    }

    /** When a conversation last joined the incident, by a sweep or a lead. */
    public Optional<Long> lastJoinedAt(long incidentId) {
        return Optional.ofNullable(jdbc.queryForObject("select max(joined_at) from incident_member where incident_id = ?",
                Long.class, incidentId));
    }

    public List<Row> recent(int limit) {
        return jdbc.query("select * from incident order by created_at desc, id desc limit ?", IncidentRows::row, limit);
    }

    public void resolve(long id, String by, long now) {
        jdbc.update("update incident set status = 'resolved', resolved_at = ?, resolved_by = ? where id = ?", now, by, id);
    }

    /** Adds members; one there already (removed or not) is left as it is. Answers the conversations added. */
    public List<Long> addMembers(long incidentId, List<NewMember> members, long now) {
        List<Long> added = new java.util.ArrayList<>();
        for (NewMember m : members) {
            String words = m.words().length() > 2000 ? m.words().substring(0, 2000) : m.words();
            if (jdbc.update("insert into incident_member (incident_id, conversation_id, channel, reason, similarity, words, joined_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", incidentId, m.conversationId(), m.channel(), m.reason(),
                    m.similarity(), words, now) == 1) {
                added.add(m.conversationId());
            }
        }
        return added;
    }

    /** Puts back a member a lead had removed; true when it was removed. */
    public boolean restore(long incidentId, long conversationId, long now) {
        return jdbc.update("update incident_member set removed_at = null, reason = 'lead', joined_at = ? where incident_id = ? "
                + "and conversation_id = ? and removed_at is not null", now, incidentId, conversationId) == 1;
    }

    public boolean remove(long incidentId, long conversationId, long now) {
        return jdbc.update("update incident_member set removed_at = ? where incident_id = ? and conversation_id = ? "
                + "and removed_at is null", now, incidentId, conversationId) == 1;
    }

    /** Every conversation the incident ever had, removed ones too (so a sweep does not add them back). */
    public java.util.Set<Long> knownConversations(long incidentId) {
        return new java.util.HashSet<>(jdbc.queryForList("select conversation_id from incident_member where incident_id = ?",
                Long.class, incidentId));
    }

    /** The words of the members that joined for a reason other than likeness: the incident's complaint. */
    public List<String> complaintWords(long incidentId, int limit) {
        return jdbc.queryForList("select words from incident_member where incident_id = ? and removed_at is null "
                + "and reason <> 'similar' order by joined_at, conversation_id limit ?", String.class, incidentId, limit);
    }

    public List<Incident.Member> members(long incidentId) {
        return jdbc.query("select conversation_id, channel, reason, similarity, joined_at from incident_member "
                + "where incident_id = ? and removed_at is null order by joined_at, conversation_id",
                (rs, n) -> new Incident.Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                        Instant.ofEpochMilli(rs.getLong(5))), incidentId);
    }

    public List<Long> memberIds(long incidentId) {
        return jdbc.queryForList("select conversation_id from incident_member where incident_id = ? and removed_at is null "
                + "order by joined_at, conversation_id", Long.class, incidentId);
    }

    public Map<Long, Integer> sizes(List<Long> incidentIds) {
        Map<Long, Integer> out = new LinkedHashMap<>();
        if (!incidentIds.isEmpty()) {
            jdbc.query("select incident_id, count(*) from incident_member where incident_id = any(?) and removed_at is null "
                    + "group by incident_id", rs -> {
                        out.put(rs.getLong(1), rs.getInt(2));
                    }, (Object) incidentIds.toArray(Long[]::new));
        }
        return out;
    }

    public List<Incident.Growth> growth(long incidentId) {
        return jdbc.query("select (joined_at / 3600000) * 3600000 as h, count(*) from incident_member where incident_id = ? "
                + "group by h order by h", (rs, n) -> new Incident.Growth(Instant.ofEpochMilli(rs.getLong(1)), rs.getInt(2)), incidentId);
    }

    // ---- updates and deliveries ---------------------------------------------------------------------------------

    public void insertUpdate(long id, long incidentId, String kind, String text, long authorId, long now, String requestKey) {
        jdbc.update("insert into incident_update (id, incident_id, kind, text, author_id, created_at, request_key) "
                + "values (?, ?, ?, ?, ?, ?, ?)", id, incidentId, kind, text, authorId, now, requestKey);
    }

    public Optional<UpdateRow> update(long id) {
        return jdbc.query("select id, incident_id, kind, text, author_id, created_at from incident_update where id = ?",
                IncidentRows::updateRow, id).stream().findFirst();
    }

    public Optional<UpdateRow> updateByRequest(long incidentId, String requestKey) {
        return jdbc.query("select id, incident_id, kind, text, author_id, created_at from incident_update where incident_id = ? "
                + "and request_key = ?", IncidentRows::updateRow, incidentId, requestKey).stream().findFirst();
    }

    /** The incident's newest update of {@code kind}. */
    public Optional<UpdateRow> latest(long incidentId, String kind) {
        return jdbc.query("select id, incident_id, kind, text, author_id, created_at from incident_update where incident_id = ? "
                + "and kind = ? order by created_at desc, id desc limit 1", IncidentRows::updateRow, incidentId, kind).stream().findFirst();
    }

    public List<Incident.Update> updates(long incidentId) {
        Map<Long, Map<String, Integer>> reached = new LinkedHashMap<>();
        Map<Long, int[]> waiting = new LinkedHashMap<>();
        jdbc.query("select d.update_id, d.status, d.channel, count(*) from incident_delivery d join incident_update u "
                + "on u.id = d.update_id where u.incident_id = ? group by d.update_id, d.status, d.channel", rs -> {
                    long u = rs.getLong(1);
                    String status = rs.getString(2);
                    int n = rs.getInt(4);
                    if ("sent".equals(status)) {
                        reached.computeIfAbsent(u, k -> new java.util.TreeMap<>()).merge(rs.getString(3), n, Integer::sum);
                    } else {
                        waiting.computeIfAbsent(u, k -> new int[2])["queued".equals(status) ? 0 : 1] += n;
                    }
                }, incidentId);
        return jdbc.query("select id, kind, text, author_id, created_at from incident_update where incident_id = ? "
                + "order by created_at desc, id desc", (rs, n) -> {
                    long id = rs.getLong(1);
                    int[] w = waiting.getOrDefault(id, new int[2]);
                    return new Incident.Update(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), reached.getOrDefault(id, Map.of()), w[0], w[1]);
                }, incidentId);
    }

    /** Queues the update for these conversations; one already queued or told is left as it is. Answers how many were new. */
    public int queue(long updateId, List<Queued> deliveries, long now) {
        int n = 0;
        for (Queued q : deliveries) {
            n += jdbc.update("insert into incident_delivery (update_id, conversation_id, status, pace_key, queued_at) "
                    + "values (?, ?, 'queued', ?, ?) on conflict do nothing", updateId, q.conversationId(), q.paceKey(), now);
        }
        return n;
    }

    public List<Queued> queued(long updateId, int limit) {
        return jdbc.query("select conversation_id, pace_key from incident_delivery where update_id = ? and status = 'queued' "
                + "order by queued_at, conversation_id limit ?", (rs, n) -> new Queued(rs.getLong(1), rs.getString(2)), updateId, limit);
    }

    /** Updates still waiting when the fix is written are not sent: the fix says more. */
    public void supersede(long incidentId, long fixId) {
        jdbc.update("update incident_delivery set status = 'skipped', error = 'superseded by the fix' where status = 'queued' "
                + "and update_id in (select id from incident_update where incident_id = ? and id <> ?)", incidentId, fixId);
    }

    /** Locks the delivery if it still waits; false when it went out (or was skipped) already. */
    public boolean claim(long updateId, long conversationId) {
        return !jdbc.queryForList("select 1 from incident_delivery where update_id = ? and conversation_id = ? and status = 'queued' "
                + "for update", Integer.class, updateId, conversationId).isEmpty();
    }

    public void sent(long updateId, long conversationId, String channel, long messageId, long now) {
        jdbc.update("update incident_delivery set status = 'sent', channel = ?, message_id = ?, sent_at = ?, error = null "
                + "where update_id = ? and conversation_id = ?", channel, messageId, now, updateId, conversationId);
    }

    public void skipped(long updateId, long conversationId, String channel, String error, long now) {
        jdbc.update("update incident_delivery set status = 'skipped', channel = ?, sent_at = ?, error = ? where update_id = ? "
                + "and conversation_id = ? and status = 'queued'", channel, now, error.length() > 500 ? error.substring(0, 500) : error,
                updateId, conversationId);
    }

    /** How many incident messages went out on {@code paceKey} since {@code since}. */
    public int sentSince(String paceKey, long since) {
        Integer n = jdbc.queryForObject("select count(*) from incident_delivery where pace_key = ? and status = 'sent' and sent_at > ?",
                Integer.class, paceKey, since);
        return n == null ? 0 : n;
    }

    public List<Incident.Delivery> deliveries(long incidentId, int limit) {
        return jdbc.query("select d.update_id, d.conversation_id, d.status, d.channel, d.message_id, d.queued_at, d.sent_at, d.error "
                + "from incident_delivery d join incident_update u on u.id = d.update_id where u.incident_id = ? "
                + "order by d.queued_at desc, d.update_id desc, d.conversation_id limit ?", (rs, n) -> new Incident.Delivery(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6)), instant(rs, 7), rs.getString(8)), incidentId, limit);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long topic = rs.getLong("topic_id");
        Long topicId = rs.wasNull() ? null : topic;
        long resolved = rs.getLong("resolved_at");
        Long resolvedAt = rs.wasNull() ? null : resolved;
        return new Row(rs.getLong("id"), rs.getString("title"), topicId, rs.getString("status"), rs.getString("opened_by"),
                rs.getLong("created_at"), resolvedAt, rs.getString("resolved_by"));
    }

    private static UpdateRow updateRow(ResultSet rs, int n) throws SQLException {
        return new UpdateRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6));
    }
}
