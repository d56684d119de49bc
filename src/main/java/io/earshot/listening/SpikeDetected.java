package io.earshot.listening;

import java.time.Instant;
import java.util.List;

/**
 * A topic's series rose far above its usual level for the time of day and week (published in the transaction that
 * noticed it, once per spike).
 *
 * @param topicId          the topic, or 0 for the series of every inbound message
 * @param series           {@code volume} (every message about it) or {@code negative} (its negative ones)
 * @param bucketStart      the start of the 5-minute bucket that set it off
 * @param observed         messages in that bucket
 * @param expected         the usual count for that bucket
 * @param ratio            observed against expected
 * @param description      for people: "6.3× the usual for a Tuesday 10:00 (63 against 10.0)"
 * @param sampleMessageIds some of the messages of the spike, newest first
 * @param conversationIds  the conversations the topic matched in the spike's last hour, newest first
 * @param topWords         the words that stand out in the spike's messages
 */
public record SpikeDetected(long topicId, String topicName, String series, Instant bucketStart, long observed,
                            double expected, double ratio, String description, List<Long> sampleMessageIds,
                            List<Long> conversationIds, List<String> topWords, Instant detectedAt) {
}
