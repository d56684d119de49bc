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
        Copy copy = new Copy("conversation_event", "id, conversation_id, at, kind, actor, details");
        for (Row e : rows) {
            copy.add(e.id()).add(e.conversationId()).add(e.at()).add(e.kind()).add(e.actor()).add(e.details()).end();
        }
        copy.send(jdbc);
    }
}
