package io.earshot.routing.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing settings.
 *
 * @param waitingStep every step of waiting on us adds priority points (4 per step, at most 20)
 */
@ConfigurationProperties("earshot.routing")
public record RoutingSettings(@DefaultValue("15m") Duration waitingStep) {
}
