package io.earshot.platform;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file from growing without end. Earshot opens H2 with {@code WRITE_DELAY=0}, so that a
 * commit is on disk when it returns (nothing acknowledged is lost to a {@code kill -9}); but H2 then runs no
 * background thread, and that thread is what frees the chunks of the file that newer writes have made dead. Without
 * it the file grows by every commit's pages: 2.1 GB for 200,000 ingested messages whose data compacts to 25 MB.
 * <p>
 * This runs H2's own housekeeping ({@code FileStore.doHousekeeping}, what H2's background thread would call)
 * every {@code earshot.h2.housekeeping-every}: dead chunks are freed once H2's {@code RETENTION_TIME} has passed
 * (45 s by default) and their space is used again; sparse chunks are rewritten. The method is protected in H2, so
 * it is called by reflection; if that fails (another H2), a warning says so and nothing else changes. Only for an
 * embedded H2 database whose own background thread is off; PostgreSQL needs none of this.
 */
@Component
class H2Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    private final DataSource dataSource;
    private final Duration every;
    private ScheduledExecutorService thread;

    H2Housekeeping(DataSource dataSource, @Value("${earshot.h2.housekeeping-every:1s}") Duration every) {
        this.dataSource = dataSource;
        this.every = every;
    }

    @Override
    public synchronized void start() {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            MVStore store = storeOf(c);
            if (store == null || store.getFileStore() == null || store.getAutoCommitDelay() > 0) {
                return; // not H2 embedded in a file, or H2's own background thread does this
            }
            Method housekeeping = FileStore.class.getDeclaredMethod("doHousekeeping", MVStore.class);
            housekeeping.setAccessible(true);
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "h2-housekeeping");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(() -> run(housekeeping), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            log.warn("H2 housekeeping is off ({}): the database file will grow with every commit until a restart", e.toString());
        }
    }

    private void run(Method housekeeping) {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = storeOf(c); // asked each time: the store is a new one if the database was reopened
            if (store != null && !store.isClosed() && store.getFileStore() != null) {
                housekeeping.invoke(store.getFileStore(), store);
            }
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            log.warn("H2 housekeeping failed: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
        }
    }

    /** The MVStore under an embedded H2 connection, or null for any other database. */
    static MVStore storeOf(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local) || local.getDatabase().getStore() == null) {
            return null; // a remote (tcp) H2: its server does its own housekeeping
        }
        return local.getDatabase().getStore().getMvStore();
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100; // up early, down late: around everything that writes
    }
}
