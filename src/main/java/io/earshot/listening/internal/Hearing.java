package io.earshot.listening.internal;

import io.earshot.conversation.MessagesStored;
import java.util.ArrayList;
import java.util.List;
import io.earshot.platform.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every inbound message, as it is stored, matched against every topic at once and counted in the series, in the
 * transaction that stores it: a message is counted exactly once, and a batch that fails counts nothing.
 */
@Component
class Hearing {

    private final TopicCatalog catalog;
    private final SeriesStore series;
    private final Timers timers;
    private final Clock clock;
    /** When this instance last asked for the spike watch: asked again only when that changes (once a bucket). */
    private final AtomicLong watchAskedFor = new AtomicLong(Long.MIN_VALUE);

    Hearing(TopicCatalog catalog, SeriesStore series, Timers timers, Clock clock) {
        this.catalog = catalog;
        this.series = series;
        this.timers = timers;
        this.clock = clock;
    }

    @EventListener
    void stored(MessagesStored event) {
        TopicMatcher matcher = null;
        long earliest = Long.MAX_VALUE;
        List<SeriesStore.Hit> hits = new ArrayList<>();
        for (MessagesStored.StoredMessage m : event.messages()) {
            if (!m.inbound()) {
                continue;
            }
            if (matcher == null) {
                matcher = catalog.matcher();
            }
            long at = m.at().toEpochMilli();
            earliest = Math.min(earliest, at);
            hits.add(hit(SeriesStore.OVERALL, m, at));
            for (long topic : matcher.match(m.text(), m.channel(), m.language(), m.sentiment(), m.intent())) {
                hits.add(hit(topic, m, at));
            }
        }
        series.record(hits);
        if (!hits.isEmpty()) {
            // the watch runs as the bucket of what was heard ends (at once for a late message), wherever the clock
            // stood when it was last asked for (a replay moves it back to the first event)
            Instant next = SpikeWatch.afterBucketOf(Math.min(earliest, clock.millis()));
            if (watchAskedFor.getAndSet(next.toEpochMilli()) != next.toEpochMilli()) {
                timers.scheduleEarliest(SpikeWatch.TIMER, SpikeWatch.KEY, next);
            }
        }
    }

    private static SeriesStore.Hit hit(long topic, MessagesStored.StoredMessage m, long at) {
        return new SeriesStore.Hit(topic, m.messageId(), m.conversationId(), m.customerId(), at, m.sentiment(), m.intent(), m.reach());
    }
}
