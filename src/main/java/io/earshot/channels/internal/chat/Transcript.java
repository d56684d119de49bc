package io.earshot.channels.internal.chat;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The chat_line table: each visitor's chat as they see it, once per line key. */
@Repository
class Transcript {

    private final JdbcTemplate jdbc;

    Transcript(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One line; {@code key} is its external id (a visitor's) or the reply's idempotency key (an agent's). */
    record Line(long id, long visitorId, boolean fromAgent, String key, String text, long createdAt) {
    }

    /**
     * Adds a line unless one with its key is there; returns the stored line either way (so a second send of one
     * reply, or a resent visitor line, is the first one).
     */
    Line add(Line line) {
        jdbc.update("insert into chat_line (id, visitor_id, from_agent, line_key, text, created_at) values (?, ?, ?, ?, ?, ?) "
                + "on conflict (line_key) do nothing", line.id(), line.visitorId(), line.fromAgent(), line.key(), line.text(),
                line.createdAt());
        return byKey(line.key()).orElseThrow();
    }

    Optional<Line> byKey(String key) {
        return jdbc.query("select * from chat_line where line_key = ?", (rs, n) -> map(rs), key).stream().findFirst();
    }

    /** The visitor's newest lines, oldest first, at most {@code limit}. */
    List<Line> latest(long visitorId, int limit) {
        return jdbc.query("select * from (select * from chat_line where visitor_id = ? order by created_at desc, id desc limit ?) t "
                + "order by created_at, id",
                (rs, n) -> map(rs), visitorId, limit);
    }

    private static Line map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Line(rs.getLong("id"), rs.getLong("visitor_id"), rs.getBoolean("from_agent"), rs.getString("line_key"),
                rs.getString("text"), rs.getLong("created_at"));
    }
}
