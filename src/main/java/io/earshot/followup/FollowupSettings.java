package io.earshot.followup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The default SLA policy, around the clock.
 *
 * @param firstResponse         first-response target
 * @param firstResponseNegative first-response target for negative posts, complaints and outages
 * @param updateCadence         the longest a customer may go without hearing from us while the case is open
 * @param resolution            resolution target
 */
@ConfigurationProperties("earshot.followup")
public record FollowupSettings(
        @DefaultValue("4h") Duration firstResponse,
        @DefaultValue("1h") Duration firstResponseNegative,
        @DefaultValue("24h") Duration updateCadence,
        @DefaultValue("72h") Duration resolution) {
}
