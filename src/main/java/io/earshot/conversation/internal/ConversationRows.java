package io.earshot.conversation.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.earshot.classify.Intent;
import io.earshot.conversation.ConversationStatus;
import io.earshot.conversation.DueWatcher;
import io.earshot.platform.Timers;
import io.earshot.conversation.Priority;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Loads and saves {@link Conversation}s in batches. */
@Repository
public class ConversationRows {

    public static final String COLUMNS = "id, customer_id, channel, status, assignee_id, preview, priority_score, priority_level, "
            + "priority_reasons, sentiment_label, sentiment_score, intent, language, inbound_count, created_at, "
            + "last_activity_at, last_inbound_at, last_outbound_at, first_response_at, first_response_seconds, "
            + "resolved_at, resolution_seconds, first_response_due, next_update_due, resolution_due, due_at, priority_refresh_at, sla_pauses, sla_policy_id";

    static final String QUALIFIED = "c." + COLUMNS.replace(", ", ", c.");

    /** The columns an update writes, with their types, in {@link #bindBody}'s order (all but id). */
    private static final String[][] BODY = {
        {"customer_id", "bigint"}, {"channel", "varchar"}, {"status", "varchar"}, {"assignee_id", "bigint"},
        {"preview", "varchar"}, {"priority_score", "int"}, {"priority_level", "varchar"}, {"priority_reasons", "varchar"},
        {"sentiment_label", "varchar"}, {"sentiment_score", "real"}, {"intent", "varchar"}, {"language", "varchar"},
        {"inbound_count", "int"}, {"created_at", "bigint"}, {"last_activity_at", "bigint"}, {"last_inbound_at", "bigint"},
        {"last_outbound_at", "bigint"}, {"first_response_at", "bigint"}, {"first_response_seconds", "bigint"},
        {"resolved_at", "bigint"}, {"resolution_seconds", "bigint"}, {"first_response_due", "bigint"},
        {"next_update_due", "bigint"}, {"resolution_due", "bigint"}, {"due_at", "bigint"}, {"priority_refresh_at", "bigint"},
        {"sla_pauses", "varchar"}, {"sla_policy_id", "bigint"}};

    /** One statement for every changed conversation of a batch: an UPDATE joined to the new values as arrays. */
    private static final String UPDATE = updateStatement();

    private static String updateStatement() {
        StringBuilder set = new StringBuilder();
        StringBuilder arrays = new StringBuilder("cast(? as bigint array)");
        StringBuilder names = new StringBuilder("id");
        for (String[] c : BODY) {
            set.append(set.length() == 0 ? "" : ", ").append(c[0]).append(" = v.").append(c[0]);
            arrays.append(", cast(? as ").append(c[1]).append(" array)");
            names.append(", ").append(c[0]);
        }
        return "update conversation c set " + set + " from unnest(" + arrays + ") as v (" + names + ") where c.id = v.id";
    }

    private static final Intent[] INTENTS = Intent.values();

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final List<DueWatcher> watchers;

    private final Timers timers;

    ConversationRows(JdbcTemplate jdbc, ObjectMapper json, List<DueWatcher> watchers, Timers timers) {
        this.timers = timers;
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
        return found.stream().collect(Collectors.toMap(Conversation::id, Function.identity()));
    }

    /** When the earliest conversation's priority is due to change by time alone, if any is. */
    Long nextRefresh() {
        return jdbc.queryForObject("select min(priority_refresh_at) from conversation where priority_refresh_at is not null", Long.class);
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

    public Conversation lock(long id) {
        List<Conversation> found = jdbc.query("select " + COLUMNS + " from conversation where id = ? for update", this::map, id);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * What threading a batch needs, in one statement: these conversations (the parents' of replies) and the
     * unresolved conversations of these customers that were active since {@code since}.
     */
    public Map<Long, Conversation> forIntake(Collection<Long> ids, Collection<Long> customerIds, long since) {
        Map<Long, Conversation> found = new java.util.HashMap<>();
        if (ids.isEmpty() && customerIds.isEmpty()) {
            return found;
        }
        jdbc.query("select " + COLUMNS + " from conversation where id = any(cast(? as bigint array)) "
                + "or (customer_id = any(cast(? as bigint array)) and status <> 'resolved' and last_activity_at >= ?)",
                rs -> {
                    Conversation c = map(rs, 0);
                    found.put(c.id(), c);
                }, Sql.array(ids), Sql.array(customerIds), since);
        return found;
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

    /** Records the channel account each new conversation came in on (conversation id to account id). */
    public void onAccounts(Map<Long, Long> accountOf) {
        if (accountOf.isEmpty()) {
            return;
        }
        Long[] ids = accountOf.keySet().toArray(Long[]::new);
        Long[] accounts = java.util.Arrays.stream(ids).map(accountOf::get).toArray(Long[]::new);
        jdbc.update("update conversation c set account_id = v.account_id from unnest(cast(? as bigint array), "
                + "cast(? as bigint array)) as v (id, account_id) where c.id = v.id", ids, accounts);
    }

    public void save(Collection<Conversation> conversations) {
        List<Conversation> inserts = conversations.stream().filter(Conversation::isNew).toList();
        List<Conversation> updates = conversations.stream().filter(c -> !c.isNew() && c.isDirty()).toList();
        if (!inserts.isEmpty()) {
            Copy copy = new Copy("conversation", COLUMNS);
            for (Conversation c : inserts) {
                Object[] v = values(c.state());
                copy.add(c.id());
                for (int i = 0; i < BODY.length; i++) {
                    add(copy, BODY[i][1], v[i]);
                }
                copy.end();
            }
            copy.send(jdbc);
        }
        for (List<Conversation> chunk : Sql.chunks(updates)) {
            Object[][] columns = new Object[BODY.length + 1][];
            columns[0] = new Long[chunk.size()];
            for (int i = 0; i < BODY.length; i++) {
                columns[i + 1] = switch (BODY[i][1]) {
                    case "bigint" -> new Long[chunk.size()];
                    case "int" -> new Integer[chunk.size()];
                    case "real" -> new Float[chunk.size()];
                    default -> new String[chunk.size()];
                };
            }
            for (int r = 0; r < chunk.size(); r++) {
                Conversation c = chunk.get(r);
                columns[0][r] = c.id();
                Object[] v = values(c.state());
                for (int i = 0; i < BODY.length; i++) {
                    columns[i + 1][r] = v[i];
                }
            }
            jdbc.update(UPDATE, (Object[]) columns);
        }
        conversations.stream().map(c -> c.state().priorityRefreshAt()).filter(java.util.Objects::nonNull).min(Long::compare)
                .ifPresent(at -> timers.scheduleEarliest(PriorityRefresher.TIMER, PriorityRefresher.KEY, java.time.Instant.ofEpochMilli(at)));
        List<DueWatcher.DueCheck> checks = new ArrayList<>();
        for (Conversation c : conversations) {
            Long due = c.saved();
            if (due != null) {
                checks.add(new DueWatcher.DueCheck(c.id(), java.time.Instant.ofEpochMilli(due)));
            }
        }
        if (!checks.isEmpty()) {
            watchers.forEach(w -> w.watch(checks));
        }
    }

    /** The values of {@link #BODY}'s columns for this conversation, in that order. */
    private Object[] values(Conversation.State c) {
        return new Object[] {c.customerId(), c.channel(), c.status().wireName(), c.assigneeId(), c.preview(),
            c.priority().score(), c.priority().level(), json.writeValueAsString(c.priority().reasons()), c.sentimentLabel(),
            c.sentimentScore() == null ? null : c.sentimentScore().floatValue(), c.intent() == null ? null : c.intent().wireName(),
            c.language(), c.inboundCount(), c.createdAt(), c.lastActivityAt(), c.lastInboundAt(), c.lastOutboundAt(),
            c.firstResponseAt(), c.firstResponseSeconds(), c.resolvedAt(), c.resolutionSeconds(), c.firstResponseDue(),
            c.nextUpdateDue(), c.resolutionDue(), c.dueAt(), c.priorityRefreshAt(), c.slaPauses().format(), c.slaPolicyId()};
    }

    private static void add(Copy copy, String type, Object value) {
        switch (type) {
            case "bigint" -> copy.add((Long) value);
            case "int" -> copy.add(((Integer) value).intValue());
            case "real" -> copy.add(value == null ? null : ((Float) value).doubleValue());
            default -> copy.add((String) value);
        }
    }

    Conversation map(ResultSet rs, int row) throws SQLException {
        return Conversation.restore(state(rs));
    }

    /** The conversation of the result set's current row, as stored. */
    public Conversation.State state(ResultSet rs) throws SQLException {
        float score = rs.getFloat("sentiment_score");
        Double sentimentScore = rs.wasNull() ? null : (double) score;
        return new Conversation.State(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("channel"),
                ConversationStatus.fromWire(rs.getString("status")).orElse(ConversationStatus.OPEN),
                Sql.longOrNull(rs, "assignee_id"), rs.getString("preview"),
                new Priority(rs.getInt("priority_score"), rs.getString("priority_level"),
                        json.readValue(rs.getString("priority_reasons"), STRINGS)),
                rs.getString("sentiment_label"), sentimentScore, intent(rs.getString("intent")), rs.getString("language"),
                rs.getInt("inbound_count"), rs.getLong("created_at"), rs.getLong("last_activity_at"),
                Sql.longOrNull(rs, "last_inbound_at"), Sql.longOrNull(rs, "last_outbound_at"),
                Sql.longOrNull(rs, "first_response_at"), Sql.longOrNull(rs, "first_response_seconds"),
                Sql.longOrNull(rs, "resolved_at"), Sql.longOrNull(rs, "resolution_seconds"),
                Sql.longOrNull(rs, "first_response_due"), Sql.longOrNull(rs, "next_update_due"),
                Sql.longOrNull(rs, "resolution_due"), Sql.longOrNull(rs, "priority_refresh_at"),
                SlaPauses.parse(rs.getString("sla_pauses")), Sql.longOrNull(rs, "sla_policy_id"), Sql.longOrNull(rs, "due_at"));
    }

    /** The intent a wire name stands for; null for none (only the classifier's intents are ever stored). */
    private static Intent intent(String wireName) {
        if (wireName != null) {
            for (Intent i : INTENTS) {
                if (i.wireName().equals(wireName)) {
                    return i;
                }
            }
        }
        return null;
    }
}
