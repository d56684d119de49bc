package io.earshot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.EarshotApplication;
import io.earshot.TestPostgres;
import io.earshot.ingest.IncomingMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two Earshot instances on one PostgreSQL ingest overlapping batches at the same time: every message is stored
 * once, every person is one customer, every thread one conversation.
 */
class TwoInstancesTest {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        String url = TestPostgres.newDatabase("two_instances");
        first = instance(url);
        // the second instance lets the driver rewrite batched inserts, which hides their update counts
        second = instance(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
    }

    private static ConfigurableApplicationContext instance(String url) {
        return new SpringApplicationBuilder(EarshotApplication.class).web(WebApplicationType.NONE)
                .run(java.util.stream.Stream.concat(TestPostgres.argsFor(url).stream(), java.util.stream.Stream.of(
                        "--earshot.clock=manual", "--earshot.admin-token=two", "--earshot.classify.detect-language=false"))
                        .toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void overlappingBatchesOnTwoInstancesStoreEverythingOnce() throws Exception {
        Instant at = first.getBean(java.time.Clock.class).instant();
        List<IncomingMessage> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String handle = "person" + (i % 60);
            String parent = i >= 60 ? "m" + (i - 60) : null;
            all.add(new IncomingMessage("twitter", "m" + i, true, new IncomingMessage.Author(handle, null, null, 10L, false),
                    "my order " + (i % 60) + " is late, message " + i, at.plusMillis(i), parent, false, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<IntakeResult>>> futures = new ArrayList<>();
        Random random = new Random(5);
        for (int worker = 0; worker < 4; worker++) {
            Intake intake = (worker % 2 == 0 ? first : second).getBean(Intake.class);
            List<IncomingMessage> mine = new ArrayList<>(all);
            Collections.shuffle(mine, random);
            Callable<List<IntakeResult>> job = () -> {
                List<IntakeResult> results = new ArrayList<>();
                for (int from = 0; from < mine.size(); from += 50) {
                    results.addAll(intake.accept(mine.subList(from, from + 50)));
                }
                return results;
            };
            futures.add(pool.submit(job));
        }
        int created = 0;
        for (Future<List<IntakeResult>> f : futures) {
            for (IntakeResult r : f.get()) {
                assertThat(r.status()).isIn("created", "duplicate");
                if (r.isCreated()) {
                    created++;
                }
            }
        }
        pool.shutdown();
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        assertThat(created).isEqualTo(600);
        assertThat(jdbc.queryForObject("select count(*) from message", Long.class)).isEqualTo(600);
        assertThat(jdbc.queryForObject("select count(*) from customer", Long.class)).isEqualTo(60);
        assertThat(jdbc.queryForObject("select count(*) from customer_identity", Long.class)).isEqualTo(60);
        assertThat(jdbc.queryForObject("select count(*) from conversation", Long.class)).isEqualTo(60);
        assertThat(jdbc.queryForObject("select max(inbound_count) from conversation", Integer.class)).isEqualTo(10);
        assertThat(jdbc.queryForObject("select min(inbound_count) from conversation", Integer.class)).isEqualTo(10);
    }
}
