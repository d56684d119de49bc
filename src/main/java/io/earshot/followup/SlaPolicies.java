package io.earshot.followup;

import io.earshot.platform.EarshotClock;
import io.earshot.platform.IdGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SLA policies, in the order they are tried. Served from a snapshot at most ten seconds old (the ingest
 * path asks for every conversation it ranks), refreshed at once after a change made here.
 */
@Repository
public class SlaPolicies {

    private static final long FRESHNESS_NANOS = Duration.ofSeconds(10).toNanos();
    private static final RowMapper<SlaPolicy> POLICY = (rs, n) -> new SlaPolicy(rs.getLong("id"), rs.getString("name"),
            rs.getInt("position"), set(rs.getString("channels")), set(rs.getString("intents")), set(rs.getString("levels")),
            set(rs.getString("sentiments")), (Long) rs.getObject("min_followers", Long.class), (Long) rs.getObject("team_id", Long.class),
            Duration.ofSeconds(rs.getLong("first_response_s")), Duration.ofSeconds(rs.getLong("update_cadence_s")),
            Duration.ofSeconds(rs.getLong("resolution_s")), rs.getBoolean("business_hours"));

    private record Snapshot(long loadedAt, List<SlaPolicy> policies) {
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    SlaPolicies(JdbcClient jdbc, IdGenerator ids, EarshotClock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public List<SlaPolicy> all() {
        Snapshot s = snapshot.get();
        long now = System.nanoTime(); // freshness of a cache, not domain time
        if (s == null || now - s.loadedAt() > FRESHNESS_NANOS) {
            s = new Snapshot(now, jdbc.sql("select * from sla_policy order by position, id").query(POLICY).list());
            snapshot.set(s);
        }
        return s.policies();
    }

    public java.util.Optional<SlaPolicy> byId(long id) {
        return all().stream().filter(p -> p.id() == id).findFirst();
    }

    /** The first policy that matches; the catch-all default when none does. */
    public SlaPolicy select(String channel, String intent, String level, String sentiment, long followers, Long teamId) {
        List<SlaPolicy> policies = all();
        for (SlaPolicy p : policies) {
            if (p.matches(channel, intent, level, sentiment, followers, teamId)) {
                return p;
            }
        }
        return FALLBACK;
    }

    /** Used only when every policy has conditions and none matched. */
    static final SlaPolicy FALLBACK = new SlaPolicy(0, "Fallback (around the clock)", Integer.MAX_VALUE, null, null, null,
            null, null, null, Duration.ofHours(8), Duration.ofHours(24), Duration.ofDays(5), false);

    public SlaPolicy create(SlaPolicy p) {
        long id = ids.nextId();
        jdbc.sql("insert into sla_policy (id, name, position, channels, intents, levels, sentiments, min_followers, team_id, "
                        + "first_response_s, update_cadence_s, resolution_s, business_hours, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, p.name(), p.position(), text(p.channels()), text(p.intents()), text(p.levels()), text(p.sentiments()),
                        p.minFollowers(), p.teamId(), p.firstResponse().toSeconds(), p.updateCadence().toSeconds(),
                        p.resolution().toSeconds(), p.businessHours(), clock.millis())
                .update();
        snapshot.set(null);
        return byId(id).orElseThrow();
    }

    public boolean delete(long id) {
        int n = jdbc.sql("delete from sla_policy where id = ?").param(id).update();
        snapshot.set(null);
        return n > 0;
    }

    private static Set<String> set(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String text(Set<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
