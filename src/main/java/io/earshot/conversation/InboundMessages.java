package io.earshot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/** Inbound messages as listening sees them: the most recent ones, to preview a query on, and given ones by id. */
@Service
public class InboundMessages {

    /** One inbound message with its signals. */
    public record Heard(String id, String conversationId, String channel, String author, String text, Instant createdAt,
                        String language, String sentiment, String intent) {
    }

    private static final String COLUMNS = "select id, conversation_id, channel, author_handle, left(body, 4000), created_at, language, "
            + "sentiment_label, intent from message ";
    private static final RowMapper<Heard> ROW = (rs, n) -> new Heard(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), rs.getString(8), rs.getString(9));

    private final JdbcTemplate jdbc;

    InboundMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@code limit} most recent inbound messages by when they were said, newest first. */
    public List<Heard> recent(int limit) {
        return jdbc.query(COLUMNS + "where inbound = true order by created_at desc, id desc limit ?", ROW, limit);
    }

    /** Inbound messages said in [from, to), newest first, at most {@code limit}. */
    public List<Heard> between(Instant from, Instant to, int limit) {
        return jdbc.query(COLUMNS + "where inbound = true and created_at >= ? and created_at < ? order by created_at desc, id desc limit ?",
                ROW, from.toEpochMilli(), to.toEpochMilli(), limit);
    }

    /** The messages with these ids, in the order of the ids; ids of no message are left out. */
    public List<Heard> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Heard> found = new HashMap<>();
        jdbc.query(COLUMNS + "where id = any(?)", ROW, (Object) ids.toArray(Long[]::new)).forEach(h -> found.put(h.id(), h));
        List<Heard> out = new ArrayList<>();
        for (Long id : ids) {
            Heard h = found.get(Long.toString(id));
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }
}
