package io.earshot.bench;

import io.earshot.EarshotApplication;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.reporting.Reports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side with a large store: loads N customers and N conversations straight into the schema (batched
 * SQL, not the pipeline: this measures reading), then times the inbox as the API asks for it (every sort, first
 * and next page, a channel filter, an assignee filter) and the summary report. Prints p50/p99 per query.
 * <p>
 * {@code bench/inbox.sh [--conversations 1000000] [--targets h2,postgres]}
 */
public final class InboxBench {

    private static final String[] CHANNELS = {"twitter", "twitter", "twitter", "email", "email", "chat", "facebook", "forum"};
    private static final String[] STATUSES = {"open", "open", "open", "open", "open", "open", "open", "pending", "resolved", "resolved"};
    private static final String[] INTENTS = {"complaint", "question", "praise", "outage", "request", "other"};

    private InboxBench() {
    }

    public static void main(String[] args) throws Exception {
        long n = 1_000_000;
        List<String> targets = List.of("h2", "postgres");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--conversations" -> n = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--targets" -> targets = Arrays.stream(args[++i].split(",")).map(String::trim).toList();
                default -> throw new IllegalArgumentException("usage: inbox.sh [--conversations N] [--targets h2,postgres]");
            }
        }
        Path work = Files.createTempDirectory("earshot-inbox-bench");
        for (String target : targets) {
            if (target.equals("h2")) {
                run("h2 (embedded)", n, List.of("--earshot.data-dir=" + work.resolve("h2")));
            } else {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                        .setCleanDataDirectory(true).start()) {
                    run("postgres (embedded)", n, List.of("--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                            "--spring.datasource.username=postgres", "--spring.datasource.password="));
                }
            }
        }
    }

    private static void run(String target, long n, List<String> props) {
        List<String> args = new ArrayList<>(props);
        args.add("--earshot.clock=manual");
        args.add("--earshot.admin-token=bench");
        args.add("--earshot.routing.refresh-every=1h");
        args.add("--logging.level.root=WARN");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(EarshotApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(args.toArray(String[]::new))) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            Instant now = Instant.parse("2026-06-01T12:00:00Z");
            long t0 = System.nanoTime();
            load(jdbc, n, now);
            System.out.printf(Locale.ROOT, "== %s: loaded %,d customers and conversations in %.1f s%n", target, n,
                    (System.nanoTime() - t0) / 1e9);
            if (jdbc.getDataSource() != null && target.startsWith("postgres")) {
                jdbc.execute("analyze");
            }
            ConversationQueries queries = ctx.getBean(ConversationQueries.class);
            for (String status : List.of("open", "all")) {
                for (String sort : List.of("priority", "oldest", "newest", "due")) {
                    String cursor = queries.list(new ConversationQuery(status, sort, null, null, null, 50, null)).nextCursor();
                    report(status + " " + sort + " first page", i -> queries.list(new ConversationQuery(status, sort, null, null, null, 50 + i % 2, null)));
                    report(status + " " + sort + " next page", i -> queries.list(new ConversationQuery(status, sort, null, null, null, 50 + i % 2, cursor)));
                }
            }
            report("open priority channel=email", i -> queries.list(new ConversationQuery("open", "priority", "email", null, null, 50 + i % 2, null)));
            report("open priority assignee=7", i -> queries.list(new ConversationQuery("open", "priority", null, 7L, null, 50 + i % 2, null)));
            Reports reports = ctx.getBean(Reports.class);
            report("summary, last 7 days", 10, i -> reports.summary(now.minus(Duration.ofDays(7)), now.plusSeconds(i)));
            report("summary, all 90 days", 10, i -> reports.summary(now.minus(Duration.ofDays(91)), now.plusSeconds(i)));
            System.out.println();
        }
    }

    private static void report(String label, IntConsumer call) {
        report(label, 200, call);
    }

    private static void report(String label, int runs, IntConsumer call) {
        long[] nanos = Timing.sorted(5, runs, call);
        System.out.printf(Locale.ROOT, "   %-36s p50 %7.2f ms   p99 %7.2f ms   (%d runs)%n", label,
                nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.99) - 1] / 1e6, runs);
    }

    /** N customers, each with one conversation, spread over 90 days, with the mix of a busy desk. */
    private static void load(JdbcTemplate jdbc, long n, Instant now) {
        Random random = new Random(11);
        long span = Duration.ofDays(90).toMillis();
        long end = now.toEpochMilli();
        int chunk = 5_000;
        for (long from = 0; from < n; from += chunk) {
            int size = (int) Math.min(chunk, n - from);
            List<Object[]> customers = new ArrayList<>(size);
            List<Object[]> conversations = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                long id = 10_000_000 + from + k;
                long created = end - (long) (random.nextDouble() * span);
                String status = STATUSES[random.nextInt(STATUSES.length)];
                String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                int score = (int) Math.min(100, Math.abs(random.nextGaussian() * 25 + 35));
                String level = score >= 70 ? "urgent" : score >= 50 ? "high" : score >= 25 ? "normal" : "low";
                Long firstResponse = random.nextDouble() < 0.8 ? created + (long) (random.nextDouble() * 7_200_000) : null;
                Long resolved = status.equals("resolved") ? created + (long) (random.nextDouble() * 259_200_000) : null;
                Long due = status.equals("resolved") ? null : created + (firstResponse == null ? 3_600_000L : 86_400_000L);
                customers.add(new Object[] {id, "user" + id, "User " + id, (long) Math.pow(10, random.nextDouble() * 5), created, created});
                conversations.add(new Object[] {id + 50_000_000L, id, channel, status, random.nextInt(20) == 0 ? 7L : null,
                    "message preview number " + id, score, level, "[\"complaint\"]", random.nextBoolean() ? "negative" : "neutral",
                    INTENTS[random.nextInt(INTENTS.length)], created, created, created, firstResponse,
                    firstResponse == null ? null : (firstResponse - created) / 1000, resolved,
                    resolved == null ? null : (resolved - created) / 1000, due, due});
            }
            jdbc.batchUpdate("insert into customer (id, handle, name, followers, created_at, last_seen_at) values (?, ?, ?, ?, ?, ?)",
                    customers);
            jdbc.batchUpdate("insert into conversation (id, customer_id, channel, status, assignee_id, preview, priority_score, "
                    + "priority_level, priority_reasons, sentiment_label, intent, created_at, last_activity_at, last_inbound_at, "
                    + "first_response_at, first_response_seconds, resolved_at, resolution_seconds, resolution_due, due_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conversations);
        }
    }
}
