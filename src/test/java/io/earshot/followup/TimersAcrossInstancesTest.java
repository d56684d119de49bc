package io.earshot.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.EarshotApplication;
import io.earshot.TestPostgres;
import io.earshot.WebhookReceiver;
import io.earshot.alerting.Webhooks;
import io.earshot.conversation.Intake;
import io.earshot.ingest.IncomingMessage;
import io.earshot.platform.Agent;
import io.earshot.platform.AgentService;
import io.earshot.platform.Role;
import io.earshot.platform.TimerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Timers fire once: across two instances sharing one PostgreSQL (with controlled clocks moved at the same
 * moment, and with system clocks polling), and across a restart in the middle. A webhook receiver counts the
 * calls: a timer fired twice would call it twice.
 */
class TimersAcrossInstancesTest {

    private static final int PROMISES = 20;

    private static ConfigurableApplicationContext instance(List<String> database, String clock, String... more) {
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of("--earshot.clock=" + clock, "--earshot.admin-token=timers",
                "--earshot.classify.detect-language=false", "--earshot.timers.poll-interval=200ms",
                "--earshot.alerting.webhook-private-addresses=true"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(EarshotApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    /** Stores one conversation per promise and a promise on each, due {@code in} from now; returns the promise ids. */
    private static List<String> promises(ConfigurableApplicationContext ctx, String run, Duration in) {
        Agent agent = ctx.getBean(AgentService.class).create("Owner " + run, run + "@example.com", Role.AGENT).agent();
        Instant now = ctx.getBean(Clock.class).instant();
        List<IncomingMessage> messages = new ArrayList<>();
        for (int i = 0; i < PROMISES; i++) {
            messages.add(new IncomingMessage("chat", run + "-m" + i, true, new IncomingMessage.Author(run + "-c" + i, null, null, 1L, false),
                    "where is my parcel " + i, now, null, false, null));
        }
        Commitments commitments = ctx.getBean(Commitments.class);
        return ctx.getBean(Intake.class).accept(messages).stream()
                .map(r -> commitments.promise(r.conversationId(), agent, "Call the customer back", now.plus(in), "callback").id())
                .toList();
    }

    private static void assertFiredOnce(JdbcTemplate jdbc, List<String> ids, WebhookReceiver receiver) {
        for (String id : ids) {
            assertThat(jdbc.queryForObject("select state from commitment where id = ?", String.class, Long.parseLong(id))).isEqualTo("broken");
            assertThat(jdbc.queryForObject("select count(*) from alert where commitment_id = ? and kind = 'commitment_broken'", Long.class,
                    Long.parseLong(id))).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from alert where commitment_id = ? and kind = 'commitment_due'", Long.class,
                    Long.parseLong(id))).isEqualTo(1);
        }
        if (receiver != null) {
            Map<String, Long> callsPerDelivery = receiver.received().stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::delivery, Collectors.counting()));
            assertThat(callsPerDelivery).hasSize(2 * ids.size());
            assertThat(callsPerDelivery.values()).containsOnly(1L);
        }
    }

    @Test
    void twoInstancesMovingTheirClocksTogetherFireEachTimerOnce() throws Exception {
        String url = TestPostgres.newDatabase("timers_manual");
        try (ConfigurableApplicationContext a = instance(TestPostgres.argsFor(url), "manual");
             ConfigurableApplicationContext b = instance(TestPostgres.argsFor(url), "manual");
             WebhookReceiver receiver = new WebhookReceiver(n -> 200)) {
            a.getBean(Webhooks.class).create(receiver.url(), List.of("commitment_due", "commitment_broken"), "a-secret-of-16-chars");
            List<String> ids = promises(a, "manual", Duration.ofHours(24));
            Instant target = a.getBean(Clock.class).instant().plus(Duration.ofDays(2));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Instant>> moves = List.of(pool.submit(() -> a.getBean(TimerEngine.class).advanceTo(target)),
                        pool.submit(() -> b.getBean(TimerEngine.class).advanceTo(target)));
                for (Future<Instant> f : moves) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertFiredOnce(a.getBean(JdbcTemplate.class), ids, receiver);
        }
    }

    @Test
    void twoInstancesPollingWithTheSystemClockFireEachTimerOnce() throws Exception {
        String url = TestPostgres.newDatabase("timers_system");
        try (ConfigurableApplicationContext a = instance(TestPostgres.argsFor(url), "system");
             ConfigurableApplicationContext b = instance(TestPostgres.argsFor(url), "system");
             WebhookReceiver receiver = new WebhookReceiver(n -> 200)) {
            a.getBean(Webhooks.class).create(receiver.url(), List.of("commitment_due", "commitment_broken"), "a-secret-of-16-chars");
            List<String> ids = promises(a, "system", Duration.ofSeconds(2));
            JdbcTemplate jdbc = b.getBean(JdbcTemplate.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && (jdbc.queryForObject("select count(*) from commitment where state = 'broken'", Long.class) < PROMISES
                    || receiver.received().size() < 2 * PROMISES)) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // time for a second firing, were there one
            assertFiredOnce(jdbc, ids, receiver);
        }
    }

    @Test
    void aRestartInTheMiddleNeitherLosesNorDoublesATimer(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // Earshot's own PostgreSQL in a data directory, as a new user runs it: stopped and started again with Earshot
        List<String> own = List.of("--earshot.data-dir=" + dir, "--earshot.database.binaries-dir=" + TestPostgres.BINARIES,
                "--earshot.database.durable=false");
        List<String> ids;
        Instant saidAt;
        try (ConfigurableApplicationContext before = instance(own, "manual")) {
            saidAt = before.getBean(Clock.class).instant();
            ids = promises(before, "restart", Duration.ofHours(24));
            before.getBean(TimerEngine.class).advanceTo(saidAt.plus(Duration.ofHours(20))); // reminders fire, verdicts wait
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from alert where kind = 'commitment_due'", Long.class)).isEqualTo(PROMISES);
            assertThat(jdbc.queryForObject("select count(*) from alert where kind = 'commitment_broken'", Long.class)).isZero();
        }
        try (ConfigurableApplicationContext after = instance(own, "manual")) {
            TimerEngine timers = after.getBean(TimerEngine.class);
            timers.advanceTo(saidAt.plus(Duration.ofHours(25)));
            timers.advanceTo(saidAt.plus(Duration.ofDays(3)));
            assertFiredOnce(after.getBean(JdbcTemplate.class), ids, null);
            assertThat(after.getBean(JdbcTemplate.class).queryForObject("select count(*) from alert where kind like 'commitment%'",
                    Long.class)).isEqualTo(2L * PROMISES);
        }
    }
}
