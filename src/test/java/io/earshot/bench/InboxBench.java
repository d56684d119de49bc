package io.earshot.bench;

import io.earshot.EarshotApplication;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.reporting.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side with a large store: loads N customers and N conversations straight into the schema ({@link BenchData}:
 * batched SQL, not the pipeline: this measures reading), then times the inbox as the API asks for it (every sort, first
 * and next page, a channel filter, an assignee filter) and the summary report. Prints p50/p99 per query.
 * <p>
 * {@code bench/inbox.sh [--conversations 1000000] [--targets h2,postgres]}
 */
public final class InboxBench {

    private InboxBench() {
    }

    public static void main(String[] args) throws Exception {
        long n = 1_000_000;
        List<String> database = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--conversations" -> n = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--external" -> database = BenchDatabase.external(args[++i]);
                default -> throw new IllegalArgumentException("usage: inbox.sh [--conversations N] [--external jdbc:postgresql://host/db?user=u&password=p]");
            }
        }
        Path work = Files.createTempDirectory("earshot-inbox-bench");
        if (database == null) {
            run("postgres (Earshot's own)", n, List.of("--earshot.data-dir=" + work.resolve("data")));
        } else {
            run("postgres (external)", n, database);
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
            BenchData.load(jdbc, n, now, 7L, true);
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
            report("open waiting", i -> queries.list(new ConversationQuery("open", "waiting", null, null, null, 50 + i % 2, null)));
            report("pending priority", i -> queries.list(new ConversationQuery("pending", "priority", null, null, null, 50 + i % 2, null)));
            // message search (one message per conversation, so as many messages as conversations)
            for (String q : List.of("refund", "refund app", "xylophone", "ref")) {
                report("search open q=" + q, i -> queries.list(new ConversationQuery("open", "priority", null, null, q, 50 + i % 2, null)));
                report("search all q=" + q, i -> queries.list(new ConversationQuery("all", "priority", null, null, q, 50 + i % 2, null)));
            }
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
}
