package io.earshot.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingest limits.
 *
 * @param maxBodySize  the largest request body POST /messages reads (larger: 413)
 * @param maxTextChars the longest message text accepted (longer: that item is rejected)
 * @param maxClockSkew how far ahead of our clock a createdAt may be and still count as clock skew
 * @param batchSize    how many messages are written per transaction
 * @param writers      how many batches one instance writes at once (each in its own transaction; batches of one
 *                     customer still take turns, on the customer's row lock)
 */
@ConfigurationProperties("earshot.ingest")
public record IngestSettings(
        @DefaultValue("16MB") DataSize maxBodySize,
        @DefaultValue("20000") int maxTextChars,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("1") int writers) {

    public IngestSettings {
        if (writers < 1) {
            throw new IllegalArgumentException("earshot.ingest.writers must be at least 1, not " + writers);
        }
    }
}
