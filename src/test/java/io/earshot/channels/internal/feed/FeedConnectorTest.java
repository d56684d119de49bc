package io.earshot.channels.internal.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.internal.RetryAfter;
import io.earshot.ingest.OutboundConnector;
import io.earshot.platform.EarshotException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The feed connector without a server: internal addresses refused, no replies, Retry-After in both forms. */
class FeedConnectorTest {

    private final FeedSettings settings = new FeedSettings(Duration.ofSeconds(2), DataSize.ofKilobytes(64), Duration.ofMinutes(5),
            Duration.ofMinutes(1), 2000, false);
    private final FeedConnector connector = new FeedConnector(settings, null, JsonMapper.builder().build(), Clock.systemUTC());

    private static AccountSettings account(String url) {
        return new AccountSettings(7, "feed", "blog", Map.of("url", url), Map.of());
    }

    @Test
    void internalAddressesAreRefused() {
        for (String url : new String[] {"http://127.0.0.1:8080/feed", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/rss", "http://[::1]/atom"}) {
            assertThatThrownBy(() -> connector.validate(account(url))).as(url).isInstanceOf(EarshotException.class)
                    .hasMessageContaining("internal addresses");
            assertThat(connector.check(account(url)).ok()).as(url).isFalse();
        }
        assertThatThrownBy(() -> connector.validate(account("file:///etc/passwd"))).hasMessageContaining("http or https");
        assertThatThrownBy(() -> connector.validate(account("https://u:p@blog.example.com/feed"))).hasMessageContaining("password");
    }

    @Test
    void aFeedTakesNoReplies() {
        assertThat(connector.replies()).isFalse();
        assertThat(connector.channel(Map.of("channel", "review"))).isEqualTo("review");
        assertThat(connector.channel(Map.of())).isEqualTo("blog");
        assertThatThrownBy(() -> connector.send(account("https://blog.example.com/feed"), new OutboundConnector.Outgoing("earshot-1",
                1, 7L, "blog", "post-1", "Dana", "hello", false, null, null, 1))).isInstanceOf(OutboundConnector.Refused.class);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(RetryAfter.at(Optional.of("120"), now)).contains(now.plusSeconds(120));
        assertThat(RetryAfter.at(Optional.of("Mon, 02 Mar 2026 10:30:00 GMT"), now)).contains(Instant.parse("2026-03-02T10:30:00Z"));
        assertThat(RetryAfter.at(Optional.of("9999999"), now)).contains(now.plusSeconds(86_400)); // a day at most
        assertThat(RetryAfter.at(Optional.of("soon"), now)).isEmpty();
        assertThat(RetryAfter.at(Optional.empty(), now)).isEmpty();
    }
}
