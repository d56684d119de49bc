package io.earshot.incidents.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Incident settings.
 *
 * @param perAccountPerMinute the most incident messages sent through one channel account (or, for messages posted to
 *                            the API, one channel) in any minute; the rest wait for the next batch
 * @param sweepEvery          how often an open incident looks for new conversations (its topic's new matches,
 *                            similar complaints)
 * @param similarAbove        the similarity a complaint must reach to join an incident by its words alone
 * @param gatherLimit         the most topic matches and recent messages one gathering looks through
 * @param sameUpdateWithin    an update with the text of the incident's latest, written within this long of it, is
 *                            taken for the same request sent again (a client that sends an Idempotency-Key needs
 *                            no such guess)
 */
@ConfigurationProperties("earshot.incidents")
public record IncidentSettings(
        @DefaultValue("30") int perAccountPerMinute,
        @DefaultValue("1m") Duration sweepEvery,
        @DefaultValue("0.45") double similarAbove,
        @DefaultValue("500") int gatherLimit,
        @DefaultValue("10m") Duration sameUpdateWithin) {

    public IncidentSettings {
        if (perAccountPerMinute < 1) {
            throw new IllegalArgumentException("earshot.incidents.per-account-per-minute must be at least 1");
        }
        if (sweepEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("earshot.incidents.sweep-every must be at least 1s");
        }
    }
}
