package io.earshot.listening;

import io.earshot.conversation.MessageVolume;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Topics and their volume and sentiment series over inbound messages. */
@Service
public class Topics {

    static final int MAX_TERMS = 20;
    static final int MAX_BUCKETS = 10_000;

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final MessageVolume volume;

    Topics(JdbcTemplate jdbc, IdGenerator ids, EarshotClock clock, MessageVolume volume) {
        this.jdbc = jdbc;
        this.volume = volume;
        this.ids = ids;
        this.clock = clock;
    }

    public Topic create(String name, String query) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw EarshotException.invalid("name", "name is required, at most 200 characters");
        }
        List<String> terms = terms(query);
        long id = ids.nextId();
        long now = clock.millis();
        jdbc.update("insert into topic (id, name, query, created_at) values (?, ?, ?, ?)", id, name.strip(), query.strip(), now);
        return new Topic(Long.toString(id), name.strip(), query.strip(), terms, Instant.ofEpochMilli(now));
    }

    public List<Topic> all() {
        return jdbc.query("select id, name, query, created_at from topic order by name, id", (rs, n) -> map(rs));
    }

    public Optional<Topic> byId(long id) {
        return jdbc.query("select id, name, query, created_at from topic where id = ?", (rs, n) -> map(rs), id).stream().findFirst();
    }

    public boolean delete(long id) {
        return jdbc.update("delete from topic where id = ?", id) > 0;
    }

    /**
     * The topic's series from {@code from} to {@code to} in buckets of {@code bucket}, every bucket listed (zero
     * when nothing was said).
     */
    public List<TopicPoint> series(Topic topic, Instant from, Instant to, Duration bucket) {
        if (bucket.compareTo(Duration.ofMinutes(1)) < 0) {
            throw EarshotException.invalid("bucket", "bucket must be at least 1m");
        }
        if (!from.isBefore(to)) {
            throw EarshotException.invalid("from", "from must be before to");
        }
        long size = bucket.toMillis();
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        long buckets = (b - a + size - 1) / size;
        if (buckets > MAX_BUCKETS) {
            throw EarshotException.invalid("bucket", "from..to in buckets of " + bucket + " makes " + buckets
                    + " buckets; at most " + MAX_BUCKETS + " (choose a larger bucket)");
        }
        return volume.mentioning(topic.terms(), from, size, (int) buckets).stream()
                .map(v -> new TopicPoint(v.start(), v.volume(), v.negative(), v.positive(), v.complaints())).toList();
    }

    /** The alternatives of a query: split on OR (any case, between spaces) and commas; quotes dropped. */
    public static List<String> terms(String query) {
        if (query == null || query.isBlank() || query.length() > 1000) {
            throw EarshotException.invalid("query", "query is required, at most 1000 characters, e.g. \"parcel OR package\"");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String part : query.split("(?i)\\s+or\\s+|,")) {
            String t = part.replace("\"", "").strip().replaceAll("\\s+", " ");
            if (t.length() >= 2 && t.length() <= 100) {
                out.add(t.toLowerCase(Locale.ROOT));
            }
        }
        if (out.isEmpty()) {
            throw EarshotException.invalid("query", "query needs at least one word of 2 to 100 characters");
        }
        if (out.size() > MAX_TERMS) {
            throw EarshotException.invalid("query", "query takes at most " + MAX_TERMS + " alternatives");
        }
        return List.copyOf(out);
    }

    private static Topic map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String query = rs.getString("query");
        return new Topic(rs.getString("id"), rs.getString("name"), query, terms(query), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
