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
 */
@ConfigurationProperties("earshot.ingest")
public record IngestSettings(
        @DefaultValue("16MB") DataSize maxBodySize,
        @DefaultValue("20000") int maxTextChars,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("1000") int batchSize) {
}
