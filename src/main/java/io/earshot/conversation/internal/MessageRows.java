package io.earshot.conversation.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Messages, written in batches; (channel, externalId) is unique in the database. */
@Repository
public class MessageRows {

    /** A message key: the channel and the id the channel gave it. */
    public record Key(String channel, String externalId) {
    }

    /** Where a stored message sits. */
    public record Placed(long messageId, long conversationId, long customerId) {
    }

    /** A message to store. */
    public record Row(long id, String channel, String externalId, long conversationId, long customerId, boolean inbound,
               String authorHandle, String authorName, Long agentId, String body, long createdAt, long receivedAt,
               String inReplyTo, boolean privateMessage, String url, String language, String sentimentLabel,
               Double sentimentScore, String intent, Long accountId, String replyAddress, String subject) {

        /** A message that came through the API: no account, no reply address, no subject. */
        public Row(long id, String channel, String externalId, long conversationId, long customerId, boolean inbound,
                   String authorHandle, String authorName, Long agentId, String body, long createdAt, long receivedAt,
                   String inReplyTo, boolean privateMessage, String url, String language, String sentimentLabel,
                   Double sentimentScore, String intent) {
            this(id, channel, externalId, conversationId, customerId, inbound, authorHandle, authorName, agentId, body, createdAt,
                    receivedAt, inReplyTo, privateMessage, url, language, sentimentLabel, sentimentScore, intent, null, null, null);
        }
    }

    /** A stored message's place and text, as an edit finds it. */
    public record Stored(long messageId, long conversationId, boolean inbound, String body) {
    }

    private final JdbcTemplate jdbc;

    MessageRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Key, Placed> find(Collection<Key> keys) {
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

    /** Writes the messages with one COPY; a (channel, externalId) stored meanwhile fails it as a duplicate key. */
    public void insert(List<Row> rows) {
        Copy copy = new Copy("message", "id, channel, external_id, conversation_id, customer_id, inbound, author_handle, "
                + "author_name, agent_id, body, created_at, received_at, in_reply_to, private_message, url, language, "
                + "sentiment_label, sentiment_score, intent, account_id, reply_address, subject");
        for (Row m : rows) {
            copy.add(m.id()).add(m.channel()).add(m.externalId()).add(m.conversationId()).add(m.customerId()).add(m.inbound())
                    .add(m.authorHandle()).add(m.authorName()).add(m.agentId()).add(m.body()).add(m.createdAt()).add(m.receivedAt())
                    .add(m.inReplyTo()).add(m.privateMessage()).add(m.url()).add(m.language()).add(m.sentimentLabel())
                    .add(m.sentimentScore()).add(m.intent()).add(m.accountId()).add(m.replyAddress()).add(m.subject()).end();
        }
        copy.send(jdbc);
    }

    /** The message stored under {@code key}, its row locked until the transaction ends; null when there is none. */
    public Stored lock(Key key) {
        return jdbc.query("select id, conversation_id, inbound, body from message where channel = ? and external_id = ? "
                + "for update", (rs, n) -> new Stored(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4)),
                key.channel(), key.externalId()).stream().findFirst().orElse(null);
    }

    /** Replaces a message's text and the signals read from it (its author edited it at the source). */
    public void edit(long id, String body, String language, String sentimentLabel, Double sentimentScore, String intent) {
        jdbc.update("update message set body = ?, language = ?, sentiment_label = ?, sentiment_score = ?, intent = ? where id = ?",
                body, language, sentimentLabel, sentimentScore, intent, id);
    }
}
