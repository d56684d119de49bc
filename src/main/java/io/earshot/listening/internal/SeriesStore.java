package io.earshot.listening.internal;

import io.earshot.listening.TopicPoint;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The series as they happen: each matched inbound message is counted, in the transaction that stored it, in its own
 * 1-minute, 5-minute, 1-hour and 1-day buckets (so a late message lands in the bucket of when it was said), per
 * topic and overall (topic 0). Reads add up the largest stored buckets that fit the asked size.
 */
@Component
public class SeriesStore {

    /** The stored bucket sizes, in milliseconds, smallest first. */
    public static final long[] LEVELS = {60_000L, 300_000L, 3_600_000L, 86_400_000L};
    public static final long OVERALL = 0;

    /** One inbound message counted for one topic. */
    public record Hit(long topicId, long messageId, long conversationId, long customerId, long at, String sentiment,
                      String intent, long reach) {
    }

    private record Key(long topicId, long bucketMs, long start) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(topicId, o.topicId);
            if (c == 0) {
                c = Long.compare(bucketMs, o.bucketMs);
            }
            return c != 0 ? c : Long.compare(start, o.start);
        }
    }

    private static final class Sum {
        long volume;
        long negative;
        long positive;
        long complaints;
        long reach;
        final AuthorSketch authors = new AuthorSketch();
    }

    private final JdbcTemplate jdbc;

    SeriesStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts the hits: matches recorded once (a topic's hit on topic 0 is the overall series, not a match). */
    public void record(List<Hit> hits) {
        if (hits.isEmpty()) {
            return;
        }
        Map<Key, Sum> sums = new TreeMap<>(); // one order for every writer: concurrent batches cannot deadlock
        List<Hit> matches = new ArrayList<>();
        for (Hit h : hits) {
            if (h.topicId() != OVERALL) {
                matches.add(h);
            }
            for (long level : LEVELS) {
                Sum s = sums.computeIfAbsent(new Key(h.topicId(), level, Math.floorDiv(h.at(), level) * level), k -> new Sum());
                s.volume++;
                s.negative += "negative".equals(h.sentiment()) ? 1 : 0;
                s.positive += "positive".equals(h.sentiment()) ? 1 : 0;
                s.complaints += "complaint".equals(h.intent()) ? 1 : 0;
                s.reach += h.reach();
                s.authors.add(h.customerId());
            }
        }
        if (!matches.isEmpty()) {
            jdbc.batchUpdate("insert into topic_match (topic_id, message_id, conversation_id, created_at) values (?, ?, ?, ?) "
                    + "on conflict do nothing", matches, 1000, (PreparedStatement ps, Hit h) -> {
                        ps.setLong(1, h.topicId());
                        ps.setLong(2, h.messageId());
                        ps.setLong(3, h.conversationId());
                        ps.setLong(4, h.at());
                    });
        }
        List<Map.Entry<Key, Sum>> rows = new ArrayList<>(sums.entrySet());
        jdbc.batchUpdate("insert into topic_series as t (topic_id, bucket_ms, start_at, volume, negative, positive, complaints, reach, authors) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (topic_id, bucket_ms, start_at) do update set "
                + "volume = t.volume + excluded.volume, negative = t.negative + excluded.negative, "
                + "positive = t.positive + excluded.positive, complaints = t.complaints + excluded.complaints, "
                + "reach = t.reach + excluded.reach, authors = author_sketch_union(t.authors, excluded.authors)",
                rows, 1000, (PreparedStatement ps, Map.Entry<Key, Sum> e) -> {
                    Key k = e.getKey();
                    Sum s = e.getValue();
                    ps.setLong(1, k.topicId());
                    ps.setLong(2, k.bucketMs());
                    ps.setLong(3, k.start());
                    ps.setLong(4, s.volume);
                    ps.setLong(5, s.negative);
                    ps.setLong(6, s.positive);
                    ps.setLong(7, s.complaints);
                    ps.setLong(8, s.reach);
                    ps.setBytes(9, s.authors.bytes());
                });
    }

    /** The largest stored bucket size that divides both {@code size} and {@code from}: buckets add up exactly. */
    public static long levelFor(long from, long size) {
        long best = LEVELS[0];
        for (long level : LEVELS) {
            if (size % level == 0 && Math.floorMod(from, level) == 0) {
                best = level;
            }
        }
        return best;
    }

    /** {@code buckets} buckets of {@code size} ms from {@code from} (a whole minute), every one listed. */
    public List<TopicPoint> read(long topicId, long from, long size, int buckets) {
        long level = levelFor(from, size);
        long to = from + size * buckets;
        long[][] sums = new long[buckets][6];
        AuthorSketch[] authors = new AuthorSketch[buckets];
        jdbc.query("select start_at, volume, negative, positive, complaints, reach, authors from topic_series "
                + "where topic_id = ? and bucket_ms = ? and start_at >= ? and start_at < ?", rs -> {
                    int k = (int) ((rs.getLong(1) - from) / size);
                    for (int c = 0; c < 5; c++) {
                        sums[k][c] += rs.getLong(c + 2);
                    }
                    AuthorSketch sketch = AuthorSketch.of(rs.getBytes(7));
                    if (authors[k] == null) {
                        authors[k] = sketch;
                    } else {
                        authors[k].merge(sketch);
                    }
                }, topicId, level, from, to);
        List<TopicPoint> out = new ArrayList<>(buckets);
        for (int k = 0; k < buckets; k++) {
            long[] s = sums[k];
            out.add(new TopicPoint(Instant.ofEpochMilli(from + k * size), s[0], s[1], s[2], s[3],
                    authors[k] == null ? 0 : authors[k].estimate(), s[4]));
        }
        return out;
    }

    /** Whether anything was counted in the topic's buckets of this size from {@code from} on. */
    public boolean heardSince(long topicId, long bucketMs, long from) {
        return !jdbc.queryForList("select 1 from topic_series where topic_id = ? and bucket_ms = ? and start_at >= ? limit 1",
                Integer.class, topicId, bucketMs, from).isEmpty();
    }

    /** The start of the topic's first stored bucket of this size. */
    public java.util.Optional<Long> firstBucket(long topicId, long bucketMs) {
        return java.util.Optional.ofNullable(jdbc.queryForObject("select min(start_at) from topic_series where topic_id = ? and bucket_ms = ?",
                Long.class, topicId, bucketMs));
    }

    /** Forgets a topic's matches and series. */
    public void forget(long topicId) {
        jdbc.update("delete from topic_match where topic_id = ?", topicId);
        jdbc.update("delete from topic_series where topic_id = ?", topicId);
        jdbc.update("delete from spike_watch where topic_id = ?", topicId);
    }

    /** The topic's matches said in [from, to), newest first; only negative ones when asked. */
    public List<Long> matchedBetween(long topicId, long from, long to, int limit) {
        return jdbc.queryForList("select message_id from topic_match where topic_id = ? and created_at >= ? and created_at < ? "
                + "order by created_at desc, message_id desc limit ?", Long.class, topicId, from, to, limit);
    }

    /** The conversations the topic matched in [from, to), most recent first. */
    public List<Long> conversationsBetween(long topicId, long from, long to, int limit) {
        return jdbc.queryForList("select conversation_id from topic_match where topic_id = ? and created_at >= ? and created_at < ? "
                + "group by conversation_id order by max(created_at) desc limit ?", Long.class, topicId, from, to, limit);
    }

    /** The conversations of the topic's most recent matches, newest first, at most {@code limit}. */
    public List<Long> conversations(long topicId, int limit) {
        return jdbc.queryForList("select conversation_id from topic_match where topic_id = ? group by conversation_id "
                + "order by max(created_at) desc limit ?", Long.class, topicId, limit);
    }

    /** The message ids of the topic's most recent matches, newest first. */
    public List<Long> recentMessages(long topicId, int limit) {
        return jdbc.queryForList("select message_id from topic_match where topic_id = ? order by created_at desc, message_id desc limit ?",
                Long.class, topicId, limit);
    }
}
