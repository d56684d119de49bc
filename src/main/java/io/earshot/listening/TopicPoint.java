package io.earshot.listening;

import java.time.Instant;

/** One bucket of a topic's series: inbound messages about it, how many negative and positive, and complaints. */
public record TopicPoint(Instant start, long volume, long negative, long positive, long complaints) {
}
