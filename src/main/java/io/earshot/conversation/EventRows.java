package io.earshot.conversation;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The timeline of each conversation: what happened, when, and who did it. */
@Repository
class EventRows {

    /** One entry of a conversation's timeline. */
    record Row(long id, long conversationId, long at, String kind, String actor, String details) {
    }

    private final JdbcTemplate jdbc;

    EventRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into conversation_event (id, conversation_id, at, kind, actor, details) values (?, ?, ?, ?, ?, ?)",
                rows, 500, (ps, e) -> {
                    ps.setLong(1, e.id());
                    ps.setLong(2, e.conversationId());
                    ps.setLong(3, e.at());
                    ps.setString(4, e.kind());
                    ps.setString(5, e.actor());
                    ps.setString(6, e.details());
                });
    }
}
