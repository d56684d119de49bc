package io.earshot.listening.internal;

import io.earshot.conversation.MessagesStored;
import java.util.ArrayList;
import java.util.List;
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

    Hearing(TopicCatalog catalog, SeriesStore series) {
        this.catalog = catalog;
        this.series = series;
    }

    @EventListener
    void stored(MessagesStored event) {
        TopicMatcher matcher = null;
        List<SeriesStore.Hit> hits = new ArrayList<>();
        for (MessagesStored.StoredMessage m : event.messages()) {
            if (!m.inbound()) {
                continue;
            }
            if (matcher == null) {
                matcher = catalog.matcher();
            }
            long at = m.at().toEpochMilli();
            hits.add(hit(SeriesStore.OVERALL, m, at));
            for (long topic : matcher.match(m.text(), m.channel(), m.language(), m.sentiment(), m.intent())) {
                hits.add(hit(topic, m, at));
            }
        }
        series.record(hits);
    }

    private static SeriesStore.Hit hit(long topic, MessagesStored.StoredMessage m, long at) {
        return new SeriesStore.Hit(topic, m.messageId(), m.conversationId(), m.customerId(), at, m.sentiment(), m.intent(), m.reach());
    }
}
