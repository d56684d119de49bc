package io.earshot.channels;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel account as the API shows it: its settings, the names of its secrets (never their values) and its health.
 *
 * @param status {@code active} or {@code paused}
 */
public record ChannelAccount(String id, String kind, String name, String channel, String status, Map<String, String> settings,
                             List<String> secrets, Health health, Instant createdAt) {

    /**
     * How the account's connector is doing.
     *
     * @param running          true while an instance runs its source task (a pushed-to kind is never "running")
     * @param runningOn        the instance that holds its lease
     * @param lastSuccessAt    the last poll or delivery that worked
     * @param lastError        the newest error, with what to do about it where known
     * @param rateLimitedUntil when the provider allows the next call, if it asked us to wait
     * @param backlog          messages known to wait at the provider
     * @param failures         failures in a row; the next start waits longer after each
     * @param nextStartAt      when the connector is started again after a failure
     */
    public record Health(boolean running, String runningOn, Instant lastSuccessAt, String lastError, Instant lastErrorAt,
                         Instant rateLimitedUntil, int backlog, int failures, Instant nextStartAt) {
    }
}
