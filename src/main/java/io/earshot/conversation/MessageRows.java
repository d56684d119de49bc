package io.earshot.conversation;

import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Messages, written in batches; (channel, externalId) is unique in the database. */
@Repository
class MessageRows {

    /** A message key: the channel and the id the channel gave it. */
    record Key(String channel, String externalId) {
    }

    /** Where a stored message sits. */
    record Placed(long messageId, long conversationId, long customerId) {
    }

    /** A message to store. */
    record Row(long id, String channel, String externalId, long conversationId, long customerId, boolean inbound,
               String authorHandle, String authorName, Long agentId, String body, long createdAt, long receivedAt,
               String inReplyTo, boolean privateMessage, String url, String language, String sentimentLabel,
               Double sentimentScore, String intent) {
    }

    private final JdbcTemplate jdbc;

    MessageRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<Key, Placed> find(Collection<Key> keys) {
        Map<Key, Placed> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        // a join with the wanted (channel, external_id) pairs, so that the unique index on both columns serves it
        for (List<Key> chunk : Sql.chunks(new LinkedHashSet<>(keys))) {
            String[] channels = new String[chunk.size()];
            String[] externalIds = new String[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                channels[i] = chunk.get(i).channel();
                externalIds[i] = chunk.get(i).externalId();
            }
            jdbc.query("select m.channel, m.external_id, m.id, m.conversation_id, m.customer_id from "
                    + "unnest(cast(? as varchar array), cast(? as varchar array)) as k (channel, external_id) "
                    + "join message m on m.channel = k.channel and m.external_id = k.external_id", rs -> {
                        found.put(new Key(rs.getString(1), rs.getString(2)), new Placed(rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                    }, channels, externalIds);
        }
        return found;
    }

    void insert(List<Row> rows) {
        jdbc.batchUpdate("insert into message (id, channel, external_id, conversation_id, customer_id, inbound, author_handle, "
                + "author_name, agent_id, body, created_at, received_at, in_reply_to, private_message, url, language, "
                + "sentiment_label, sentiment_score, intent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows, 500, (ps, m) -> {
                    ps.setLong(1, m.id());
                    ps.setString(2, m.channel());
                    ps.setString(3, m.externalId());
                    ps.setLong(4, m.conversationId());
                    ps.setLong(5, m.customerId());
                    ps.setBoolean(6, m.inbound());
                    ps.setString(7, m.authorHandle());
                    ps.setString(8, m.authorName());
                    if (m.agentId() == null) {
                        ps.setNull(9, Types.BIGINT);
                    } else {
                        ps.setLong(9, m.agentId());
                    }
                    ps.setString(10, m.body());
                    ps.setLong(11, m.createdAt());
                    ps.setLong(12, m.receivedAt());
                    ps.setString(13, m.inReplyTo());
                    ps.setBoolean(14, m.privateMessage());
                    ps.setString(15, m.url());
                    ps.setString(16, m.language());
                    ps.setString(17, m.sentimentLabel());
                    if (m.sentimentScore() == null) {
                        ps.setNull(18, Types.REAL);
                    } else {
                        ps.setFloat(18, m.sentimentScore().floatValue());
                    }
                    ps.setString(19, m.intent());
                });
    }
}
