package io.earshot.demo;

import io.earshot.conversation.Intake;
import io.earshot.ingest.IncomingMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Feeds demo messages through the real intake: a backlog of the past hours at start, then a message every few
 * seconds and an outage wave now and then. On only with {@code earshot.demo.enabled=true}.
 */
@Component
@ConditionalOnProperty(name = "earshot.demo.enabled", havingValue = "true")
class DemoTraffic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    private final Intake intake;
    private final Clock clock;
    private final DemoSettings settings;
    private final Random random;
    private ScheduledExecutorService executor;
    private DemoScript script;
    private Instant nextOutage;
    private volatile boolean running;

    private final DemoDesk desk;
    private final io.earshot.listening.Topics topics;

    DemoTraffic(Intake intake, Clock clock, DemoSettings settings, DemoDesk desk, io.earshot.listening.Topics topics) {
        this.desk = desk;
        this.topics = topics;
        this.intake = intake;
        this.clock = clock;
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        Instant now = clock.instant();
        script = new DemoScript(settings.seed() ^ now.toEpochMilli(), "demo" + now.toEpochMilli());
        listen();
        List<IncomingMessage> backlog = new ArrayList<>();
        Instant at = now.minus(Duration.ofHours(6));
        long step = Duration.ofHours(6).toMillis() / Math.max(1, settings.backlog());
        for (int i = 0; i < settings.backlog(); i++) {
            backlog.add(script.next(at));
            at = at.plusMillis(step);
        }
        backlog.addAll(script.outageWave(now.minus(Duration.ofMinutes(40)), 12));
        backlog.addAll(script.loudVoices(now.minus(Duration.ofHours(3))));
        backlog.sort(java.util.Comparator.comparing(IncomingMessage::createdAt));
        intake.accept(backlog);
        desk.answerSome();
        nextOutage = now.plus(settings.outageEvery());
        log.info("demo traffic: {} messages of the past hours stored; a new one every ~{} s from now",
                backlog.size(), settings.interval().toSeconds());
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earshot-demo");
            t.setDaemon(true);
            return t;
        });
        scheduleNext();
    }

    /** The demo's topics, made once (before the backlog, so its messages are counted in their series). */
    private void listen() {
        java.util.Map<String, String> wanted = new java.util.LinkedHashMap<>();
        wanted.put("Network outage", "outage OR down OR \"no signal\" OR \"mobile data\" OR \"zero bars\"");
        wanted.put("Billing", "bill OR charged OR refund OR invoices OR \"billing address\" OR cobrado");
        wanted.put("The app", "app OR \"logs me out\"");
        java.util.Set<String> have = new java.util.HashSet<>();
        topics.all().forEach(t -> have.add(t.name()));
        wanted.forEach((name, query) -> {
            if (!have.contains(name)) {
                topics.create(name, query);
            }
        });
    }

    private void scheduleNext() {
        if (!running || executor == null) {
            return;
        }
        long mean = Math.max(100, settings.interval().toMillis());
        long delay = (long) (-Math.log(1 - random.nextDouble()) * mean);
        executor.schedule(this::tick, Math.min(delay, mean * 5), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            if (!now.isBefore(nextOutage)) {
                List<IncomingMessage> wave = script.outageWave(now, 8 + random.nextInt(10));
                for (IncomingMessage m : wave) {
                    if (!running) {
                        return;
                    }
                    Thread.sleep(Math.max(0, Duration.between(clock.instant(), m.createdAt()).toMillis()));
                    intake.accept(List.of(new IncomingMessage(m.channel(), m.externalId(), true, m.author(), m.text(),
                            clock.instant(), null, false, null)));
                }
                nextOutage = clock.instant().plus(settings.outageEvery());
            } else {
                intake.accept(List.of(script.next(now)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.warn("demo traffic: a message was not stored: {}", e.getMessage());
        }
        scheduleNext();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
