package io.earshot.channels.internal;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Connector;
import io.earshot.channels.Connectors;
import io.earshot.channels.Polled;
import io.earshot.channels.SourceTask;
import io.earshot.conversation.Intake;
import io.earshot.conversation.IntakeResult;
import io.earshot.ingest.IncomingMessage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the source task of every active account once across instances. A supervisor on each instance, every
 * {@code earshot.channels.supervise-every}, takes or renews the lease of each active account in the database
 * ({@code lease_owner}, {@code lease_until}: an instance that died loses its accounts when their lease runs out), starts
 * a worker thread for each account it holds, and stops the workers of accounts paused, deleted, changed or leased
 * elsewhere. A worker polls its task and stores each poll's messages, edits and bookkeeping with the task's position in
 * one transaction; a
 * task that fails is stopped and started again after a wait that doubles with each failure in a row (up to five
 * minutes), with the error on the account's health.
 * <p>
 * Leases and backoff are measured on the wall clock, not the application's {@link Clock} (which a demo or test may
 * stop or move): they are about this machine's threads, as db-scheduler's heartbeats are. Health times use the
 * application's clock, like everything a user sees.
 */
@Component
public class ConnectorRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRuntime.class);
    private static final long MAX_BACKOFF_MILLIS = 300_000;

    private final AccountRows rows;
    private final Connectors connectors;
    private final Intake intake;
    private final Clock clock;
    private final Clock wall = Clock.systemUTC();
    private final Duration every;
    private final Duration lease;
    private final boolean enabled;
    private final String owner;
    private final Map<Long, Worker> workers = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService supervisor;

    ConnectorRuntime(AccountRows rows, Connectors connectors, Intake intake, Clock clock,
                     @Value("${earshot.channels.supervise-every:2s}") Duration every,
                     @Value("${earshot.channels.lease:30s}") Duration lease,
                     @Value("${earshot.channels.enabled:true}") boolean enabled) {
        this.rows = rows;
        this.connectors = connectors;
        this.intake = intake;
        this.clock = clock;
        this.every = every;
        this.lease = lease;
        this.enabled = enabled;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name in leases. */
    public String owner() {
        return owner;
    }

    /** True when this instance runs the account's task now. */
    public boolean running(long accountId) {
        return workers.containsKey(accountId);
    }

    /** Looks at the accounts now rather than at the next round (an account was created or resumed). */
    public void nudge() {
        ScheduledExecutorService s = supervisor;
        if (s != null) {
            s.execute(this::supervise);
        }
    }

    /** Stops this instance's task of the account, if it runs one; the next round starts it again if it should run. */
    public void restart(long accountId) {
        Worker w = workers.remove(accountId);
        if (w != null) {
            w.stop(true);
        }
        nudge();
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earshot-channels");
            t.setDaemon(true);
            return t;
        });
        supervisor.scheduleWithFixedDelay(this::supervise, 0, Math.max(100, every.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = supervisor;
        supervisor = null;
        if (s != null) {
            s.shutdownNow();
        }
        List<Worker> all = List.copyOf(workers.values());
        workers.clear();
        all.forEach(w -> w.stop(false));
        all.forEach(Worker::join);
        all.forEach(w -> {
            try {
                rows.release(w.accountId, owner);
            } catch (RuntimeException e) {
                log.debug("could not release the lease of account {}: {}", w.accountId, e.getMessage());
            }
        });
    }

    @Override
    public boolean isRunning() {
        return supervisor != null;
    }

    /** Stopped before the database pool and the web server; started after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void supervise() {
        try {
            long now = wall.millis();
            List<AccountRows.Row> active = rows.active();
            Map<Long, AccountRows.Row> byId = new ConcurrentHashMap<>();
            for (AccountRows.Row r : active) {
                byId.put(r.id(), r);
            }
            for (Worker w : List.copyOf(workers.values())) {
                AccountRows.Row r = byId.get(w.accountId);
                boolean changed = r == null || !w.fingerprint.equals(fingerprint(r));
                if (changed || w.finished()) {
                    workers.remove(w.accountId, w);
                    w.stop(changed);
                }
            }
            for (AccountRows.Row r : active) {
                Optional<Connector> connector = connectors.of(r.kind());
                if (connector.isEmpty() || supervisor == null) {
                    continue;
                }
                boolean mine = workers.containsKey(r.id());
                if (!mine && r.nextStartAt() != null && r.nextStartAt() > now) {
                    continue; // waiting out a failure
                }
                if (!rows.lease(r.id(), owner, now, now + lease.toMillis())) {
                    Worker lost = workers.remove(r.id());
                    if (lost != null) {
                        log.warn("account {} is now run by another instance; stopping its task here", r.id());
                        lost.stop(false);
                    }
                    continue;
                }
                if (!mine) {
                    start(connector.get(), r);
                }
            }
        } catch (RuntimeException e) {
            log.warn("channel supervisor round failed: {}", e.getMessage());
        }
    }

    private void start(Connector connector, AccountRows.Row row) {
        AccountSettings settings;
        try {
            settings = rows.settings(row);
        } catch (RuntimeException e) {
            failed(row.id(), e);
            return;
        }
        Optional<SourceTask> task = connector.newTask(settings);
        if (task.isEmpty()) {
            return; // a kind whose messages are pushed to us: nothing to run, the lease just says who is healthy
        }
        Worker w = new Worker(row.id(), settings, row.position(), task.get(), fingerprint(row));
        workers.put(row.id(), w);
        w.thread.start();
    }

    private static String fingerprint(AccountRows.Row r) {
        return r.settings() + "|" + (r.secrets() == null ? "" : java.util.Arrays.hashCode(r.secrets()));
    }

    private void failed(long accountId, Exception e) {
        try {
            long now = wall.millis();
            int failures = rows.failures(accountId) + 1;
            long wait = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(18, failures - 1));
            wait += ThreadLocalRandom.current().nextLong(0, 1 + wait / 5);
            rows.failed(accountId, clock.millis(), describe(e), now + wait);
            rows.release(accountId, owner);
            log.warn("account {}: {} (failure {} in a row; next start in {} s)", accountId, describe(e), failures, wait / 1000);
        } catch (RuntimeException again) {
            log.warn("account {} failed and its failure could not be recorded: {}", accountId, again.getMessage());
        }
    }

    /** An error as the account's health shows it: its message, without a stack trace. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    /** One account's task on its own thread. */
    private final class Worker implements Runnable {
        final long accountId;
        final AccountSettings settings;
        final String position;
        final SourceTask task;
        final String fingerprint;
        final Thread thread;
        private volatile boolean stopping;
        private volatile boolean done;

        Worker(long accountId, AccountSettings settings, String position, SourceTask task, String fingerprint) {
            this.accountId = accountId;
            this.settings = settings;
            this.position = position;
            this.task = task;
            this.fingerprint = fingerprint;
            this.thread = new Thread(this, "earshot-account-" + accountId);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                task.start(settings, position);
                while (!stopping) {
                    Polled polled = task.poll();
                    if (stopping) {
                        break; // what the last poll got is polled again from the stored position
                    }
                    store(polled);
                }
            } catch (Exception e) {
                if (!stopping) {
                    failed(accountId, e);
                }
            } finally {
                done = true;
                try {
                    task.stop();
                } catch (RuntimeException e) {
                    log.debug("stopping account {}'s task: {}", accountId, e.getMessage());
                }
            }
        }

        private void store(Polled polled) {
            List<IncomingMessage> messages = polled.messages().stream().map(m -> m.onAccount(accountId)).toList();
            List<IncomingMessage> edits = polled.edits().stream().map(m -> m.onAccount(accountId)).toList();
            String at = polled.position();
            List<IntakeResult> results = intake.accept(messages, () -> {
                for (IntakeResult r : intake.edit(edits)) {
                    if ("rejected".equals(r.status())) {
                        log.warn("account {}: an edit was not stored: {}", accountId, r.error());
                    }
                }
                if (polled.bookkeeping() != null) {
                    polled.bookkeeping().run();
                }
                if (at != null) {
                    rows.savePosition(accountId, at);
                }
            });
            for (int i = 0; i < results.size(); i++) {
                if ("rejected".equals(results.get(i).status())) {
                    log.warn("account {}: message {} was not stored: {}", accountId, messages.get(i).externalId(),
                            results.get(i).error());
                }
            }
            rows.succeeded(accountId, clock.millis(), polled.backlog(),
                    polled.rateLimitedUntil() == null ? null : polled.rateLimitedUntil().toEpochMilli());
        }

        boolean finished() {
            return done;
        }

        void stop(boolean releaseLease) {
            stopping = true;
            // on its own thread: a task may block in stop (closing an IMAP connection waits for a fetch in progress),
            // and the supervisor must go on with the other accounts
            Thread stopper = new Thread(() -> {
                try {
                    task.stop();
                } catch (RuntimeException e) {
                    log.debug("stopping account {}'s task: {}", accountId, e.getMessage());
                }
            }, "earshot-stop-account-" + accountId);
            stopper.setDaemon(true);
            stopper.start();
            thread.interrupt();
            if (releaseLease) {
                join();
                rows.release(accountId, owner);
            }
        }

        void join() {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
