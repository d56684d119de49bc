package io.earshot.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo traffic.
 *
 * @param enabled     generate messages while Earshot runs
 * @param backlog     how many messages of the past hours to create at start, so the inbox is not empty
 * @param interval    the mean pause between two live messages
 * @param outageEvery how often an outage wave starts
 * @param seed        the random seed (the same seed gives the same traffic)
 */
@ConfigurationProperties("earshot.demo")
public record DemoSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("150") int backlog,
        @DefaultValue("3s") Duration interval,
        @DefaultValue("15m") Duration outageEvery,
        @DefaultValue("7") long seed) {
}
