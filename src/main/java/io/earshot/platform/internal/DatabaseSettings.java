package io.earshot.platform.internal;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Earshot's own PostgreSQL, used when {@code spring.datasource.url} is not set (ADR 0011).
 *
 * @param serverSettings extra {@code postgresql.conf} settings ({@code earshot.database.server-settings.shared_buffers=256MB})
 * @param binariesDir    where the server binaries are unpacked; empty for {@code <data-dir>/pg-binaries}
 * @param startTimeout   how long a start may take (recovery after a hard stop included)
 * @param durable        fsync and synchronous commit on; turned off only by tests, never in production
 */
@ConfigurationProperties("earshot.database")
public record DatabaseSettings(
        Map<String, String> serverSettings,
        String binariesDir,
        @DefaultValue("120s") Duration startTimeout,
        @DefaultValue("true") boolean durable) {

    public DatabaseSettings {
        serverSettings = serverSettings == null ? Map.of() : Map.copyOf(serverSettings);
    }
}
