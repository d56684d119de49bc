package io.earshot.listening;

import java.time.Instant;

/**
 * One bucket of a topic's series: inbound messages about it, how many negative and positive, complaints, how many
 * different authors (estimated, within about 6.5%) and their reach (the sum of their followers).
 */
public record TopicPoint(Instant start, long volume, long negative, long positive, long complaints, long uniqueAuthors,
                         long reach) {
}
