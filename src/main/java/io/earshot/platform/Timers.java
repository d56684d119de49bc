package io.earshot.platform;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Durable timers: a timer is a row in db-scheduler's {@code scheduled_tasks}, written in the caller's
 * transaction so that it exists exactly when the change that needs it was committed. {@link TimerEngine}
 * fires each one once, across restarts and instances.
 */
@Component
public class Timers {

    private static final String INSERT = "insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, "
            + "picked, version) values (?, ?, null, ?, false, 1) on conflict do nothing";

    /** One timer to schedule. */
    public record Timer(String key, Instant at) {
    }

    private final JdbcTemplate jdbc;

    public Timers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Schedules a timer in the caller's transaction; a timer with the same name and key is left as it is. */
    public void schedule(String name, String key, Instant at) {
        scheduleAll(name, List.of(new Timer(key, at)));
    }

    /** Schedules timers in the caller's transaction, in one batch; existing ones are left as they are. */
    public void scheduleAll(String name, Collection<Timer> timers) {
        if (timers.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, new ArrayList<>(timers), 1000, (ps, t) -> {
            ps.setString(1, name);
            ps.setString(2, t.key());
            ps.setObject(3, OffsetDateTime.ofInstant(t.at(), ZoneOffset.UTC));
        });
    }

    /**
     * Schedules a timer at {@code at}, or brings the one with this name and key forward to {@code at} if it waits
     * for a later time (one that is firing is left alone: it says when it is due again), in the caller's transaction.
     */
    public void scheduleEarliest(String name, String key, Instant at) {
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        // a conditional update locks the row only when it moves it, so writers that need nothing sooner do not queue
        // on it (an upsert would lock it for every one of them until they commit)
        if (jdbc.update("update scheduled_tasks set execution_time = ?, version = version + 1 where task_name = ? "
                + "and task_instance = ? and picked = false and execution_time > ?", when, name, key, when) == 0) {
            jdbc.update(INSERT, name, key, when);
        }
    }

    /** How many timers of this kind wait to fire. */
    public long pending(String name) {
        Long n = jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?", Long.class, name);
        return n == null ? 0 : n;
    }

    /** When the timer of this kind and key is due, if one is scheduled. */
    public Instant dueAt(String name, String key) {
        List<Timestamp> at = jdbc.queryForList("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?",
                Timestamp.class, name, key);
        return at.isEmpty() ? null : at.get(0).toInstant();
    }
}
