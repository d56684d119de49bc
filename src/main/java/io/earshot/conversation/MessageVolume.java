package io.earshot.conversation;

import io.earshot.conversation.internal.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * How many inbound messages mentioned any of some words, per time bucket, with how many were negative, positive
 * and complaints: what listening draws its topic series from, read from the messages this feature owns.
 */
@Service
public class MessageVolume {

    /** One bucket: inbound messages that mention the words, how many negative and positive, and complaints. */
    public record Bucket(Instant start, long volume, long negative, long positive, long complaints) {
    }

    private final JdbcTemplate jdbc;

    MessageVolume(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every one of {@code buckets} buckets of {@code size} milliseconds from {@code from}, in order, zero where
     * nothing was said; a message mentions a word when its text contains it, case-insensitively.
     */
    public List<Bucket> mentioning(List<String> words, Instant from, long size, int buckets) {
        long a = from.toEpochMilli();
        long b = a + size * buckets;
        List<Object> args = new ArrayList<>(List.of(a, b));
        String bucketOf = "(m.created_at - " + a + ") / " + size; // numbers, not user text
        Map<Long, Bucket> found = new HashMap<>();
        jdbc.query("select " + bucketOf + " as k, count(*), "
                + "sum(case when m.sentiment_label = 'negative' then 1 else 0 end), "
                + "sum(case when m.sentiment_label = 'positive' then 1 else 0 end), "
                + "sum(case when m.intent = 'complaint' then 1 else 0 end) "
                + "from message m where m.inbound = true and m.created_at >= ? and m.created_at < ? and "
                + Sql.containsAny("m.body", words, args) + " group by " + bucketOf, rs -> {
                    long k = rs.getLong(1);
                    found.put(k, new Bucket(Instant.ofEpochMilli(a + k * size), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }, args.toArray());
        List<Bucket> out = new ArrayList<>(buckets);
        for (long k = 0; k < buckets; k++) {
            out.add(found.getOrDefault(k, new Bucket(Instant.ofEpochMilli(a + k * size), 0, 0, 0, 0)));
        }
        return out;
    }
}
