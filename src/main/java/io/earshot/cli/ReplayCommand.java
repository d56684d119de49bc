package io.earshot.cli;

import io.earshot.alerting.Alerts;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.Intake;
import io.earshot.conversation.IntakeResult;
import io.earshot.followup.Commitments;
import io.earshot.ingest.IncomingMessage;
import io.earshot.ingest.IngestLimits;
import io.earshot.ingest.IngestSettings;
import io.earshot.ingest.MessageFileReader;
import io.earshot.ingest.MessageItemParser;
import io.earshot.ingest.ReplayItem;
import io.earshot.ingest.ReplayOptions;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.TimerEngine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays a file through the real pipeline (parse, classify, thread, persist) into the configured database,
 * with the clock following the events. Each batch is one transaction: once "stored" is printed for a batch,
 * it is durable; replaying the same file again stores nothing twice.
 */
public final class ReplayCommand {

    private final Class<?> application;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code application} is the Spring Boot application class whose context the replay runs in. */
    public ReplayCommand(Class<?> application, PrintStream out, PrintStream err) {
        this.application = application;
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    public int run(String[] args) {
        ReplayArguments a;
        try {
            a = ReplayArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            err.println(ReplayArguments.USAGE);
            return 2;
        }
        if (!Files.isReadable(a.file())) {
            err.println("replay: cannot read " + a.file());
            return 2;
        }
        List<String> springArgs = new ArrayList<>(a.springArgs());
        springArgs.add("--earshot.clock=event-time");
        springArgs.add(0, "--logging.level.root=WARN");
        springArgs.add(0, "--logging.level.io.earshot=INFO");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(springArgs.toArray(String[]::new))) {
            return replay(a, ctx);
        } catch (Exception e) {
            err.println("replay: failed: " + e.getMessage());
            return 1;
        }
    }

    private int replay(ReplayArguments a, ConfigurableApplicationContext ctx) throws Exception {
        Intake intake = ctx.getBean(Intake.class);
        TimerEngine timers = ctx.getBean(TimerEngine.class);
        EarshotClock clock = ctx.getBean(EarshotClock.class);
        IngestSettings settings = ctx.getBean(IngestSettings.class);
        // history is not clock skew: a replay accepts every createdAt, however far from today
        MessageItemParser parser = new MessageItemParser(new IngestLimits(settings.maxTextChars(), settings.maxClockSkew()),
                Clock.fixed(Instant.parse("9999-01-01T00:00:00Z"), ZoneOffset.UTC));
        ConversationQueries conversations = ctx.getBean(ConversationQueries.class);
        Commitments promises = ctx.getBean(Commitments.class);
        Alerts alerts = ctx.getBean(Alerts.class);
        long[] before = conversations.totals();
        long promisesBefore = promises.count();
        long alertsBefore = alerts.count();
        long replayStart = Long.MAX_VALUE;
        Tally tally = new Tally();
        boolean interactive = System.console() != null;
        long started = System.nanoTime();
        try (MessageFileReader reader = MessageFileReader.open(a.file(), parser, JsonMapper.builder().build(),
                ReplayOptions.defaults().withSortCsvByCreatedAt(a.sort()));
             ProgressBar bar = interactive ? new ProgressBarBuilder().setTaskName("replay").setStyle(ProgressBarStyle.ASCII)
                     .setInitialMax(-1).setUnit(" msg", 1).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).build()
                     : null) {
            List<IncomingMessage> batch = new ArrayList<>(a.batch());
            Pacer pacer = new Pacer(a.speed());
            boolean first = true;
            while (reader.hasNext()) {
                ReplayItem item = reader.next();
                tally.read++;
                if (!item.ok()) {
                    tally.reject(item.item().field(), item.item().error(), item.record());
                    continue;
                }
                IncomingMessage m = item.item().message();
                if (first) {
                    clock.reset(m.createdAt());
                    replayStart = m.createdAt().toEpochMilli();
                    first = false;
                    listen(a, ctx); // from the first event on, in event time
                }
                if (pacer.active() && !batch.isEmpty() && pacer.mustWait(m.createdAt())) {
                    flush(intake, timers, a.timerStep(), batch, tally, bar);
                }
                if (!batch.isEmpty() && !a.timerStep().isZero()
                        && m.createdAt().isAfter(batch.get(0).createdAt().plus(a.timerStep()))) {
                    flush(intake, timers, a.timerStep(), batch, tally, bar); // timers due in between fire before these events
                }
                pacer.waitFor(m.createdAt());
                batch.add(m);
                if (batch.size() >= (pacer.active() ? Math.min(a.batch(), 50) : a.batch())) {
                    flush(intake, timers, a.timerStep(), batch, tally, bar);
                }
            }
            flush(intake, timers, a.timerStep(), batch, tally, bar);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println();
        out.println("replay of " + a.file() + " done");
        out.printf(Locale.ROOT, "  messages read      %,d%n", tally.read);
        out.printf(Locale.ROOT, "  stored             %,d%n", tally.created);
        out.printf(Locale.ROOT, "  duplicates         %,d (already stored, not stored again)%n", tally.duplicates);
        out.printf(Locale.ROOT, "  rejected           %,d%n", tally.rejected);
        tally.reasons.forEach((reason, n) -> out.printf(Locale.ROOT, "      %,7d  %s%n", n[0], reason));
        long[] after = conversations.totals();
        out.printf(Locale.ROOT, "  new conversations  %,d%n", after[0] - before[0]);
        out.printf(Locale.ROOT, "  new customers      %,d%n", after[1] - before[1]);
        out.printf(Locale.ROOT, "  promises found     %,d in the company's replies%n", promises.count() - promisesBefore);
        java.util.Map<String, Long> levels = conversations.openByPriorityLevel();
        long open = levels.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "  open by priority   %s%n", levels.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d (%.0f%%)", e.getKey(), e.getValue(), open == 0 ? 0.0 : 100.0 * e.getValue() / open))
                .collect(java.util.stream.Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  alerts raised      %,d (timers follow the event clock)%n", alerts.count() - alertsBefore);
        long since = replayStart;
        List<io.earshot.alerting.Alert> spikes = new ArrayList<>(alerts.list(null, "spike", null, 500).stream()
                .filter(s -> s.firedAt().toEpochMilli() >= since).toList());
        java.util.Collections.reverse(spikes);
        out.printf(Locale.ROOT, "  spikes             %,d%n", spikes.size());
        for (io.earshot.alerting.Alert s : spikes) {
            out.printf(Locale.ROOT, "      %s  %s (words: %s)%n", s.firedAt(), s.details().get("message"), s.details().get("topWords"));
        }
        out.printf(Locale.ROOT, "  time               %.1f s, %,.0f messages/s%n", seconds, tally.read / Math.max(seconds, 1e-9));
        out.printf(Locale.ROOT, "  event clock now    %s%n", clock.instant());
        return 0;
    }

    private void listen(ReplayArguments a, ConfigurableApplicationContext ctx) {
        io.earshot.listening.Topics topics = ctx.getBean(io.earshot.listening.Topics.class);
        for (String[] t : a.topics()) {
            if (topics.all().stream().noneMatch(x -> x.name().equals(t[0]) && x.query().equals(t[1]))) {
                io.earshot.listening.Topic topic = topics.create(t[0], t[1]);
                out.printf(Locale.ROOT, "listening for %s: %s%n", topic.name(), topic.query());
            }
        }
    }

    private void flush(Intake intake, TimerEngine timers, java.time.Duration step, List<IncomingMessage> batch, Tally tally, ProgressBar bar) {
        if (batch.isEmpty()) {
            return;
        }
        timers.advanceTo(batch.get(0).createdAt(), step); // what fell due before this batch fires first, in order
        List<IntakeResult> results = intake.accept(batch);
        timers.fireDue(); // time follows the events: what fell due within this batch fires now
        for (IntakeResult r : results) {
            switch (r.status()) {
                case "created":
                    tally.created++;
                    break;
                case "duplicate":
                    tally.duplicates++;
                    break;
                default:
                    tally.reject(r.field(), r.error(), -1);
            }
        }
        if (bar != null) {
            bar.stepTo(tally.read);
            bar.setExtraMessage(String.format(Locale.ROOT, " stored %,d dup %,d rejected %,d", tally.created, tally.duplicates,
                    tally.rejected));
        } else {
            out.printf(Locale.ROOT, "stored %d duplicate %d rejected %d read %d%n", tally.created, tally.duplicates,
                    tally.rejected, tally.read);
            out.flush();
        }
        batch.clear();
    }

    /** Counts of what became of the file's records. */
    private static final class Tally {
        long read;
        long created;
        long duplicates;
        long rejected;
        final Map<String, long[]> reasons = new LinkedHashMap<>();

        void reject(String field, String error, long record) {
            rejected++;
            String key = field == null ? "unreadable record (e.g. record " + record + ": " + error + ")" : field + ": " + error;
            if (field != null && reasons.size() >= 20 && !reasons.containsKey(key)) {
                key = field + ": other reasons";
            }
            if (field == null) {
                key = reasons.keySet().stream().filter(k -> k.startsWith("unreadable")).findFirst().orElse(key);
            }
            reasons.computeIfAbsent(key, k -> new long[1])[0]++;
        }
    }

    /** Replays at a multiple of real time: event time t is due at wall time start + (t - first) / speed. */
    private static final class Pacer {
        private final double speed;
        private Instant firstEvent;
        private long startNanos;

        Pacer(double speed) {
            this.speed = speed;
        }

        boolean active() {
            return speed > 0;
        }

        boolean mustWait(Instant event) {
            return active() && firstEvent != null && dueInNanos(event) > 0;
        }

        void waitFor(Instant event) throws InterruptedException {
            if (!active()) {
                return;
            }
            if (firstEvent == null) {
                firstEvent = event;
                startNanos = System.nanoTime();
                return;
            }
            long wait = dueInNanos(event);
            if (wait > 0) {
                Thread.sleep(Math.min(wait / 1_000_000, Duration.ofMinutes(10).toMillis()), (int) (wait % 1_000_000));
            }
        }

        private long dueInNanos(Instant event) {
            long eventNanos = Duration.between(firstEvent, event).toNanos();
            long due = startNanos + (long) (eventNanos / speed);
            return due - System.nanoTime();
        }
    }
}
