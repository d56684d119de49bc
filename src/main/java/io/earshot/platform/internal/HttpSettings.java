package io.earshot.platform.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits at the edge, so that one careless or hostile client cannot slow the desk for everyone else.
 *
 * @param maxBodySize     the largest request body of any endpoint but {@code POST /api/v1/messages} (which has
 *                        {@code earshot.ingest.max-body-size})
 * @param expensiveReads  expensive reads (searches, reports, exports) one agent, or one client address without a
 *                        token, may start per {@code expensiveWindow}; more are answered 429 with Retry-After
 * @param expensiveWindow the window those reads are counted in
 * @param expensiveConcurrency expensive reads run at once per instance; more wait up to 2 s, then get 503
 * @param queryTimeout    the longest an expensive read (a search, a report) may run in the database before it is
 *                        cancelled and answered 503
 */
@ConfigurationProperties("earshot.http")
public record HttpSettings(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("120") int expensiveReads,
        @DefaultValue("1m") Duration expensiveWindow,
        @DefaultValue("4") int expensiveConcurrency,
        @DefaultValue("10s") Duration queryTimeout) {
}
