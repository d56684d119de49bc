package io.earshot.listening.internal;

import io.earshot.conversation.InboundMessages;
import io.earshot.listening.Sensitivity;
import io.earshot.listening.SpikeDetected;
import io.earshot.listening.SpikeResult;
import io.earshot.listening.SpikeSettings;
import io.earshot.listening.Topic;
import io.earshot.listening.TopicPoint;
import io.earshot.platform.RepeatingTimerHandler;
import io.earshot.platform.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches every topic's series, and the series of every inbound message (topic 0), for spikes: each 5-minute bucket,
 * once it has ended (and half a minute more for stragglers), is shown to two streaming detectors per topic, one for
 * its volume and one for its negative messages, which learn the usual level for the hour of the day and week. The
 * one {@value #TIMER} timer (db-scheduler: one instance at a time) runs as each bucket ends, in the Clock's time, so
 * a replay and the manual clock see the spikes they would have seen live. A spike is published as
 * {@link SpikeDetected} in the transaction that moves the watch on, so it is told once.
 */
@Component
class SpikeWatch implements RepeatingTimerHandler {

    static final String TIMER = "spike-watch";
    static final String KEY = "all";
    static final long BUCKET = Duration.ofMinutes(5).toMillis();
    static final long LATENESS = Duration.ofSeconds(30).toMillis();
    /** A watch further behind than this (a topic long idle, a restart after weeks) skips ahead. */
    static final long MAX_BACK = Duration.ofDays(35).toMillis();
    /** The series of every inbound message starts by learning from this much of the past. */
    static final long OVERALL_LOOK_BACK = Duration.ofDays(7).toMillis();
    private static final long SPIKE_SPAN = Duration.ofMinutes(30).toMillis();
    private static final int SAMPLES = 5;

    private final TopicCatalog catalog;
    private final SeriesStore series;
    private final SpikeStates states;
    private final InboundMessages messages;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;
    private final Timers timers;

    SpikeWatch(TopicCatalog catalog, SeriesStore series, SpikeStates states, InboundMessages messages, Clock clock,
               TransactionTemplate tx, ApplicationEventPublisher publisher, Timers timers) {
        this.catalog = catalog;
        this.series = series;
        this.states = states;
        this.messages = messages;
        this.clock = clock;
        this.tx = tx;
        this.publisher = publisher;
        this.timers = timers;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timers.scheduleEarliest(TIMER, KEY, nextRun(clock.millis()));
    }

    @Override
    public void fire(String key) {
        long watermark = Math.floorDiv(clock.millis() - LATENESS, BUCKET) * BUCKET; // buckets before it have ended
        for (Topic t : catalog.all()) {
            long id = Long.parseLong(t.id());
            // a topic learns from its series from when it was made, or from the first message counted in it before
            // that (said earlier, heard after)
            long created = Math.floorDiv(t.createdAt().toEpochMilli(), BUCKET) * BUCKET;
            long start = states.has(id) ? created : Math.min(created, series.firstBucket(id, BUCKET).orElse(created));
            tx.executeWithoutResult(s -> watch(id, t.name(), t.terms(), t.sensitivity(), start, watermark));
        }
        tx.executeWithoutResult(s -> watch(SeriesStore.OVERALL, "All messages", List.of(), "normal", watermark - OVERALL_LOOK_BACK, watermark));
    }

    /**
     * As the bucket still open ends, when something was heard in it; else nothing: the watch runs again when
     * something is heard ({@link Hearing} asks for it as the bucket of what it heard ends). The quiet buckets in
     * between are shown to the detectors then, in order: a spike needs messages, so none is missed, and a clock
     * moved on by a year walks through no empty buckets one by one.
     */
    @Override
    public Instant again(String key) {
        long watermark = Math.floorDiv(clock.millis() - LATENESS, BUCKET) * BUCKET;
        return series.heardSince(SeriesStore.OVERALL, BUCKET, watermark) ? Instant.ofEpochMilli(watermark + BUCKET + LATENESS) : null;
    }

    /** When the bucket now running has ended, and its stragglers with it. */
    static Instant nextRun(long now) {
        return Instant.ofEpochMilli(Math.floorDiv(now - LATENESS, BUCKET) * BUCKET + BUCKET + LATENESS);
    }

    /** When the bucket of something said at {@code at} has ended, and its stragglers with it. */
    static Instant afterBucketOf(long at) {
        return Instant.ofEpochMilli(Math.floorDiv(at, BUCKET) * BUCKET + BUCKET + LATENESS);
    }

    private void watch(long topicId, String name, List<String> terms, String sensitivity, long start, long watermark) {
        SpikeSettings settings = SpikeSettings.defaults(Duration.ofMillis(BUCKET))
                .withSensitivity(Sensitivity.valueOf(sensitivity.toUpperCase(Locale.ROOT)));
        SpikeStates.Watch volume = states.load(topicId, "volume", start, settings);
        SpikeStates.Watch negative = states.load(topicId, "negative", start, settings);
        long from = Math.max(Math.min(volume.nextBucket(), negative.nextBucket()), watermark - MAX_BACK);
        if (from >= watermark) {
            return;
        }
        List<TopicPoint> points = series.read(topicId, from, BUCKET, (int) ((watermark - from) / BUCKET));
        for (TopicPoint p : points) {
            long t = p.start().toEpochMilli();
            if (t >= volume.nextBucket()) {
                SpikeResult r = volume.detector().observe(p.start(), p.volume());
                if (r.alert()) {
                    publisher.publishEvent(spike(topicId, name, terms, "volume", r));
                }
            }
            if (t >= negative.nextBucket()) {
                SpikeResult r = negative.detector().observe(p.start(), p.negative());
                if (r.alert()) {
                    publisher.publishEvent(spike(topicId, name, terms, "negative", r));
                }
            }
        }
        states.save(topicId, new SpikeStates.Watch("volume", watermark, volume.detector()));
        states.save(topicId, new SpikeStates.Watch("negative", watermark, negative.detector()));
    }

    private SpikeDetected spike(long topicId, String name, List<String> terms, String kind, SpikeResult r) {
        long end = r.bucketStart().toEpochMilli() + BUCKET;
        long begin = end - SPIKE_SPAN;
        List<InboundMessages.Heard> heard = said(topicId, begin, end);
        List<InboundMessages.Heard> before = said(topicId, begin - Duration.ofDays(1).toMillis(), begin);
        if ("negative".equals(kind)) {
            heard = heard.stream().filter(h -> "negative".equals(h.sentiment())).toList();
            before = before.stream().filter(h -> "negative".equals(h.sentiment())).toList();
        }
        List<Long> samples = heard.stream().limit(SAMPLES).map(h -> Long.parseLong(h.id())).toList();
        List<Long> conversations = topicId == SeriesStore.OVERALL
                ? heard.stream().map(h -> Long.parseLong(h.conversationId())).distinct().limit(500).toList()
                : series.conversationsBetween(topicId, end - Duration.ofHours(1).toMillis(), end, 500);
        List<String> words = TopWords.of(heard.stream().map(InboundMessages.Heard::text).toList(),
                before.stream().map(InboundMessages.Heard::text).toList(), terms, 5);
        return new SpikeDetected(topicId, name, kind, r.bucketStart(), r.count(), r.expected(), r.ratio(), describe(r),
                samples, conversations, words, clock.instant());
    }

    /** "6.3× the usual for a Tuesday 10:00 (63 against 10.0)"; a ratio to almost nothing says so instead. */
    static String describe(SpikeResult r) {
        if (r.expected() < 1) {
            return String.format(Locale.ROOT, "%d messages in 5 minutes, where %s is under one", r.count(), r.usual());
        }
        return r.description();
    }

    /** The inbound messages of the topic (or every one, for topic 0) said in [from, to), newest first. */
    private List<InboundMessages.Heard> said(long topicId, long from, long to) {
        if (topicId == SeriesStore.OVERALL) {
            return messages.between(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), 500);
        }
        return new ArrayList<>(messages.byIds(series.matchedBetween(topicId, from, to, 500)));
    }
}
