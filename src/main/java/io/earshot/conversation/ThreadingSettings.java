package io.earshot.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages are threaded into conversations.
 *
 * @param window       a new message joins the customer's unresolved conversation if it was active this recently
 * @param crossChannel a new message may join the customer's unresolved conversation on another channel
 *                     (the tweet and the emails are one case) when none is open on its own channel
 */
@ConfigurationProperties("earshot.threading")
public record ThreadingSettings(
        @DefaultValue("72h") Duration window,
        @DefaultValue("true") boolean crossChannel) {
}
