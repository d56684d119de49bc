package io.earshot.listening;

import io.earshot.conversation.InboundMessages;
import io.earshot.listening.internal.Expr;
import io.earshot.listening.internal.QueryParser;
import io.earshot.listening.internal.SeriesStore;
import io.earshot.listening.internal.TopicCatalog;
import io.earshot.listening.internal.TopicMatcher;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Topics: subjects a team listens for, each a query matched against every inbound message as it arrives, with the
 * series of what was heard stored as it happens.
 */
@Service
public class Topics {

    static final int MAX_BUCKETS = 10_000;
    /** How many recent inbound messages a preview looks through. */
    static final int PREVIEW_SCAN = 5_000;
    static final int PREVIEW_MATCHES = 50;
    /** The most conversations the inbox's topic filter considers: the most recently matched. */
    static final int FILTER_CONVERSATIONS = 10_000;

    /** What a query would have matched among the most recent messages. */
    public record Preview(String query, List<String> terms, int scanned, List<InboundMessages.Heard> items) {
    }

    private final TopicCatalog catalog;
    private final SeriesStore series;
    private final InboundMessages messages;
    private final IdGenerator ids;
    private final EarshotClock clock;

    Topics(TopicCatalog catalog, SeriesStore series, InboundMessages messages, IdGenerator ids, EarshotClock clock) {
        this.catalog = catalog;
        this.series = series;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new topic; its series start with the next message heard (see {@link #preview} for what it would have matched). */
    public Topic create(String name, String query) {
        return create(name, query, null);
    }

    /** A new topic; {@code sensitivity} low, normal (the default, when null) or high. */
    public Topic create(String name, String query, String sensitivity) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw EarshotException.invalid("name", "name is required, at most 200 characters");
        }
        QueryParser.parse(query);
        String s = sensitivity == null ? "normal" : sensitivity.strip().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of("low", "normal", "high").contains(s)) {
            throw EarshotException.invalid("sensitivity", "sensitivity must be low, normal or high");
        }
        return catalog.insert(ids.nextId(), name.strip(), query.strip(), s, clock.millis());
    }

    public List<Topic> all() {
        return catalog.all();
    }

    public Optional<Topic> byId(long id) {
        return catalog.byId(id);
    }

    @Transactional
    public boolean delete(long id) {
        series.forget(id);
        return catalog.delete(id);
    }

    /** The topic's series from {@code from} to {@code to} in buckets of {@code bucket}, every bucket listed. */
    public List<TopicPoint> series(Topic topic, Instant from, Instant to, Duration bucket) {
        return series(Long.parseLong(topic.id()), from, to, bucket);
    }

    /** The series of every inbound message, whatever its topic. */
    public List<TopicPoint> overall(Instant from, Instant to, Duration bucket) {
        return series(SeriesStore.OVERALL, from, to, bucket);
    }

    private List<TopicPoint> series(long topicId, Instant from, Instant to, Duration bucket) {
        if (bucket.compareTo(Duration.ofMinutes(1)) < 0 || bucket.toMillis() % 60_000 != 0) {
            throw EarshotException.invalid("bucket", "bucket must be whole minutes, at least 1m (such as 1m, 5m, 1h, 1d)");
        }
        if (!from.isBefore(to)) {
            throw EarshotException.invalid("from", "from must be before to");
        }
        long size = bucket.toMillis();
        // buckets start on a whole multiple of their size (an hour's on the hour, a day's at midnight UTC), so they are
        // read from the largest stored level that adds up to them: a year in days reads 365 rows, not 525,600 minutes
        long a = Math.floorDiv(from.toEpochMilli(), size) * size;
        long b = to.toEpochMilli();
        long buckets = (b - a + size - 1) / size;
        if (buckets > MAX_BUCKETS) {
            throw EarshotException.invalid("bucket", "from..to in buckets of " + bucket + " makes " + buckets
                    + " buckets; at most " + MAX_BUCKETS + " (choose a larger bucket)");
        }
        return series.read(topicId, a, size, (int) buckets);
    }

    /** The conversations the topic matched most recently (at most {@value #FILTER_CONVERSATIONS}), for the inbox. */
    public List<Long> conversations(Topic topic) {
        return series.conversations(Long.parseLong(topic.id()), FILTER_CONVERSATIONS);
    }

    /** The topic's most recent matches, newest first. */
    public List<InboundMessages.Heard> matches(Topic topic, int limit) {
        return messages.byIds(series.recentMessages(Long.parseLong(topic.id()), limit));
    }

    /** What {@code query} matches among the {@value #PREVIEW_SCAN} most recent inbound messages, newest first. */
    public Preview preview(String query) {
        Expr e = QueryParser.parse(query);
        TopicMatcher matcher = new TopicMatcher(Map.of(1L, e));
        List<InboundMessages.Heard> recent = messages.recent(PREVIEW_SCAN);
        List<InboundMessages.Heard> out = new ArrayList<>();
        for (InboundMessages.Heard h : recent) {
            if (!matcher.match(h.text(), h.channel(), h.language(), h.sentiment(), h.intent()).isEmpty()) {
                out.add(h);
                if (out.size() == PREVIEW_MATCHES) {
                    break;
                }
            }
        }
        return new Preview(query.strip(), QueryParser.positiveLiterals(e), recent.size(), List.copyOf(out));
    }
}
