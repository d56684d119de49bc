package io.earshot.listening.internal;

import io.earshot.listening.SpikeDetector;
import io.earshot.listening.SpikeSettings;
import io.earshot.listening.SpikeState;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** What each topic's detectors have learned, and the next bucket they are to see, kept between runs. */
@Component
class SpikeStates {

    /** One detector and where it stands. */
    record Watch(String series, long nextBucket, SpikeDetector detector) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    SpikeStates(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The stored watch, or a new one starting at {@code start}; a state that no longer reads starts afresh. */
    Watch load(long topicId, String series, long start, SpikeSettings settings) {
        Optional<Watch> stored = jdbc.query("select next_bucket, state from spike_watch where topic_id = ? and series = ?",
                (rs, n) -> new Watch(series, rs.getLong(1), detector(rs.getString(2), settings)), topicId, series).stream().findFirst();
        return stored.orElseGet(() -> new Watch(series, start, SpikeDetector.create(settings)));
    }

    void save(long topicId, Watch w) {
        jdbc.update("insert into spike_watch (topic_id, series, next_bucket, state) values (?, ?, ?, ?) "
                + "on conflict (topic_id, series) do update set next_bucket = excluded.next_bucket, state = excluded.state",
                topicId, w.series(), w.nextBucket(), json.writeValueAsString(w.detector().state()));
    }

    boolean has(long topicId) {
        return !jdbc.queryForList("select 1 from spike_watch where topic_id = ? limit 1", Integer.class, topicId).isEmpty();
    }

    void forget(long topicId) {
        jdbc.update("delete from spike_watch where topic_id = ?", topicId);
    }

    private SpikeDetector detector(String state, SpikeSettings settings) {
        if (state == null) {
            return SpikeDetector.create(settings);
        }
        try {
            SpikeState s = json.readValue(state, SpikeState.class);
            return s.settings().equals(settings) ? SpikeDetector.resume(s) : SpikeDetector.create(settings);
        } catch (JacksonException | IllegalArgumentException e) {
            return SpikeDetector.create(settings); // written by an older detector: learn again
        }
    }
}
