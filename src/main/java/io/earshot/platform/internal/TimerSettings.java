package io.earshot.platform.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How timers are polled with the system clock.
 *
 * @param pollInterval how often an instance looks for timers that fell due
 * @param threads      how many timers one instance fires at once
 */
@ConfigurationProperties("earshot.timers")
public record TimerSettings(@DefaultValue("2s") Duration pollInterval, @DefaultValue("4") int threads) {
}
