package io.earshot.listening.internal;

import io.earshot.listening.Topic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored topics, and the one automaton they compile to. The automaton is rebuilt when this instance changes a
 * topic, and when another instance has (seen by a cheap check at most once a second, as messages arrive).
 */
@Component
public class TopicCatalog {

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Compiled(String version, TopicMatcher matcher, long checkedAt) {
    }

    private final JdbcTemplate jdbc;
    private final AtomicReference<Compiled> compiled = new AtomicReference<>();

    TopicCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Topic insert(long id, String name, String query, String sensitivity, long now) {
        jdbc.update("insert into topic (id, name, query, sensitivity, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
                id, name, query, sensitivity, now, now);
        compiled.set(null);
        return topic(id, name, query, sensitivity, now);
    }

    public List<Topic> all() {
        return jdbc.query("select id, name, query, sensitivity, created_at from topic order by name, id",
                (rs, n) -> topic(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
    }

    public Optional<Topic> byId(long id) {
        return jdbc.query("select id, name, query, sensitivity, created_at from topic where id = ?",
                (rs, n) -> topic(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)), id).stream().findFirst();
    }

    public boolean delete(long id) {
        boolean gone = jdbc.update("delete from topic where id = ?", id) > 0;
        compiled.set(null);
        return gone;
    }

    /** The automaton of every topic as stored now (give or take a second for changes made by other instances). */
    public TopicMatcher matcher() {
        Compiled c = compiled.get();
        long now = System.nanoTime(); // how fresh a cache is, not a time of the domain: not the Clock bean's
        if (c != null && now - c.checkedAt() < RECHECK_NANOS) {
            return c.matcher();
        }
        String version = jdbc.queryForObject("select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), 0) "
                + "from topic", String.class);
        if (c != null && c.version().equals(version)) {
            compiled.compareAndSet(c, new Compiled(version, c.matcher(), now));
            return c.matcher();
        }
        Map<Long, Expr> queries = new LinkedHashMap<>();
        jdbc.query("select id, query from topic", rs -> {
            queries.put(rs.getLong(1), QueryParser.parse(rs.getString(2)));
        });
        TopicMatcher matcher = new TopicMatcher(queries);
        compiled.set(new Compiled(version, matcher, now));
        return matcher;
    }

    private static Topic topic(long id, String name, String query, String sensitivity, long createdAt) {
        return new Topic(Long.toString(id), name, query, QueryParser.positiveLiterals(QueryParser.parse(query)), sensitivity,
                Instant.ofEpochMilli(createdAt));
    }
}
