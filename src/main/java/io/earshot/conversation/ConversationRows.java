package io.earshot.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.core.type.TypeReference;

/** Loads and saves {@link Conversation}s in batches. */
@Repository
class ConversationRows {

    static final String COLUMNS = "id, customer_id, channel, status, assignee_id, preview, priority_score, priority_level, "
            + "priority_reasons, sentiment_label, sentiment_score, intent, language, inbound_count, created_at, "
            + "last_activity_at, last_inbound_at, last_outbound_at, first_response_at, first_response_seconds, "
            + "resolved_at, resolution_seconds, first_response_due, next_update_due, resolution_due, due_at, priority_refresh_at, sla_pauses, sla_policy_id";

    static final String QUALIFIED = "c." + COLUMNS.replace(", ", ", c.");

    private static final String INSERT = "insert into conversation (" + COLUMNS + ") values "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "update conversation set customer_id = ?, channel = ?, status = ?, assignee_id = ?, "
            + "preview = ?, priority_score = ?, priority_level = ?, priority_reasons = ?, sentiment_label = ?, "
            + "sentiment_score = ?, intent = ?, language = ?, inbound_count = ?, created_at = ?, last_activity_at = ?, "
            + "last_inbound_at = ?, last_outbound_at = ?, first_response_at = ?, first_response_seconds = ?, "
            + "resolved_at = ?, resolution_seconds = ?, first_response_due = ?, next_update_due = ?, resolution_due = ?, "
            + "due_at = ?, priority_refresh_at = ?, sla_pauses = ?, sla_policy_id = ? where id = ?";

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final List<DueWatcher> watchers;

    ConversationRows(JdbcTemplate jdbc, ObjectMapper json, List<DueWatcher> watchers) {
        this.jdbc = jdbc;
        this.json = json;
        this.watchers = watchers;
    }

    Map<Long, Conversation> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Conversation> found = new ArrayList<>();
        for (List<Long> chunk : Sql.chunks(ids)) {
            found.addAll(jdbc.query("select " + QUALIFIED + " from " + Sql.idTable("k") + " join conversation c on c.id = k.id",
                    this::map, (Object) Sql.array(chunk)));
        }
        return found.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
    }

    /** Open conversations whose priority is due to change by time alone, at most {@code limit}. */
    List<Long> dueForRefresh(long now, int limit) {
        return jdbc.queryForList("select id from conversation where priority_refresh_at <= ? order by priority_refresh_at limit ?",
                Long.class, now, limit);
    }

    /** The customers of these conversations (to lock them before the conversations are read). */
    List<Long> customersOf(Collection<Long> ids) {
        List<Long> found = new ArrayList<>();
        for (List<Long> chunk : Sql.chunks(ids)) {
            found.addAll(jdbc.queryForList("select distinct c.customer_id from " + Sql.idTable("k")
                    + " join conversation c on c.id = k.id", Long.class, (Object) Sql.array(chunk)));
        }
        return found;
    }

    Conversation lock(long id) {
        List<Conversation> found = jdbc.query("select " + COLUMNS + " from conversation where id = ? for update", this::map, id);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The unresolved conversations of these customers that were active since {@code since}. */
    List<Conversation> unresolvedOf(Collection<Long> customerIds, long since) {
        List<Conversation> found = new ArrayList<>();
        for (List<Long> chunk : Sql.chunks(customerIds)) {
            found.addAll(jdbc.query("select " + QUALIFIED + " from " + Sql.idTable("k") + " join conversation c on c.customer_id = k.id "
                    + "where c.status <> 'resolved' and c.last_activity_at >= ?", this::map, Sql.array(chunk), since));
        }
        return found;
    }

    void save(Collection<Conversation> conversations) {
        List<Conversation> inserts = conversations.stream().filter(c -> c.isNew).toList();
        List<Conversation> updates = conversations.stream().filter(c -> !c.isNew && c.dirty).toList();
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts, 500, (ps, c) -> {
                ps.setLong(1, c.id);
                bindBody(ps, c, 2);
            });
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE, updates, 500, (ps, c) -> {
                int next = bindBody(ps, c, 1);
                ps.setLong(next, c.id);
            });
        }
        List<DueWatcher.DueCheck> checks = new ArrayList<>();
        for (Conversation c : conversations) {
            Long due = c.dueAt();
            if (due != null && !due.equals(c.savedDueAt)) {
                checks.add(new DueWatcher.DueCheck(c.id, java.time.Instant.ofEpochMilli(due)));
            }
            c.savedDueAt = due;
            c.isNew = false;
            c.dirty = false;
        }
        if (!checks.isEmpty()) {
            watchers.forEach(w -> w.watch(checks));
        }
    }

    private int bindBody(PreparedStatement ps, Conversation c, int i) throws SQLException {
        ps.setLong(i++, c.customerId);
        ps.setString(i++, c.channel);
        ps.setString(i++, c.status.wireName());
        setLong(ps, i++, c.assigneeId);
        ps.setString(i++, c.preview);
        ps.setInt(i++, c.priority.score());
        ps.setString(i++, c.priority.level());
        ps.setString(i++, json.writeValueAsString(c.priority.reasons()));
        ps.setString(i++, c.sentimentLabel);
        if (c.sentimentScore == null) {
            ps.setNull(i++, Types.REAL);
        } else {
            ps.setFloat(i++, c.sentimentScore.floatValue());
        }
        ps.setString(i++, c.intent);
        ps.setString(i++, c.language);
        ps.setInt(i++, c.inboundCount);
        ps.setLong(i++, c.createdAt);
        ps.setLong(i++, c.lastActivityAt);
        setLong(ps, i++, c.lastInboundAt);
        setLong(ps, i++, c.lastOutboundAt);
        setLong(ps, i++, c.firstResponseAt);
        setLong(ps, i++, c.firstResponseSeconds);
        setLong(ps, i++, c.resolvedAt);
        setLong(ps, i++, c.resolutionSeconds);
        setLong(ps, i++, c.firstResponseDue);
        setLong(ps, i++, c.nextUpdateDue);
        setLong(ps, i++, c.resolutionDue);
        setLong(ps, i++, c.dueAt());
        setLong(ps, i++, c.priorityRefreshAt);
        ps.setString(i++, c.slaPauses);
        setLong(ps, i++, c.slaPolicyId);
        return i;
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    Conversation map(ResultSet rs, int row) throws SQLException {
        Conversation c = new Conversation(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("channel"),
                ConversationStatus.fromWire(rs.getString("status")).orElse(ConversationStatus.OPEN), rs.getLong("created_at"));
        c.assigneeId = Sql.longOrNull(rs, "assignee_id");
        c.preview = rs.getString("preview");
        c.priority = new Priority(rs.getInt("priority_score"), rs.getString("priority_level"),
                json.readValue(rs.getString("priority_reasons"), STRINGS));
        c.sentimentLabel = rs.getString("sentiment_label");
        float score = rs.getFloat("sentiment_score");
        c.sentimentScore = rs.wasNull() ? null : (double) score;
        c.intent = rs.getString("intent");
        c.language = rs.getString("language");
        c.inboundCount = rs.getInt("inbound_count");
        c.lastActivityAt = rs.getLong("last_activity_at");
        c.lastInboundAt = Sql.longOrNull(rs, "last_inbound_at");
        c.lastOutboundAt = Sql.longOrNull(rs, "last_outbound_at");
        c.firstResponseAt = Sql.longOrNull(rs, "first_response_at");
        c.firstResponseSeconds = Sql.longOrNull(rs, "first_response_seconds");
        c.resolvedAt = Sql.longOrNull(rs, "resolved_at");
        c.resolutionSeconds = Sql.longOrNull(rs, "resolution_seconds");
        c.firstResponseDue = Sql.longOrNull(rs, "first_response_due");
        c.nextUpdateDue = Sql.longOrNull(rs, "next_update_due");
        c.resolutionDue = Sql.longOrNull(rs, "resolution_due");
        c.priorityRefreshAt = Sql.longOrNull(rs, "priority_refresh_at");
        c.slaPauses = rs.getString("sla_pauses");
        c.slaPolicyId = Sql.longOrNull(rs, "sla_policy_id");
        c.savedDueAt = Sql.longOrNull(rs, "due_at");
        return c;
    }
}
