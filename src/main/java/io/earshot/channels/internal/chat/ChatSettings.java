package io.earshot.channels.internal.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web chat's limits.
 *
 * @param visitorIdle        a visitor token unused this long expires (the visitor starts a new chat)
 * @param maxTextChars       the longest line a visitor may send
 * @param visitorMessages    lines one visitor may send per {@code visitorWindow}
 * @param visitorWindow      see {@code visitorMessages}
 * @param addressMessages    lines one remote address may send per {@code addressWindow}, all its visitors together
 * @param addressWindow      see {@code addressMessages}
 * @param addressVisitors    visitors one remote address may start per {@code visitorsWindow}
 * @param visitorsWindow     see {@code addressVisitors}
 */
@ConfigurationProperties("earshot.chat")
public record ChatSettings(
        @DefaultValue("30d") Duration visitorIdle,
        @DefaultValue("5000") int maxTextChars,
        @DefaultValue("10") int visitorMessages,
        @DefaultValue("10s") Duration visitorWindow,
        @DefaultValue("60") int addressMessages,
        @DefaultValue("1m") Duration addressWindow,
        @DefaultValue("20") int addressVisitors,
        @DefaultValue("1h") Duration visitorsWindow) {
}
