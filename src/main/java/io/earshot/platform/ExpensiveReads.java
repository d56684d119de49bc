package io.earshot.platform;

import io.earshot.platform.internal.HttpSettings;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an expensive read (a search, a report, an export) so that it cannot slow the desk for everyone else: at
 * most {@code earshot.http.expensive-concurrency} at once per instance (the rest wait up to two seconds, then get
 * 503), each in a read-only transaction whose statements PostgreSQL cancels after {@code earshot.http.query-timeout}
 * (answered 503). A cancelled statement stops using the database at once, whether or not its client is still there.
 */
@Component
public class ExpensiveReads {

    private final Semaphore permits;
    private final TransactionTemplate readOnly;
    private final JdbcTemplate jdbc;
    private final long timeoutMillis;

    ExpensiveReads(HttpSettings settings, PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.permits = new Semaphore(Math.max(1, settings.expensiveConcurrency()), true);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.jdbc = jdbc;
        this.timeoutMillis = Math.max(1, settings.queryTimeout().toMillis());
    }

    public <T> T run(Supplier<T> read) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new EarshotException(503, "busy", "too many searches and reports are running; try again in a moment", null);
        }
        try {
            return readOnly.execute(status -> {
                jdbc.execute("set local statement_timeout = " + timeoutMillis);
                return read.get();
            });
        } finally {
            permits.release();
        }
    }
}
