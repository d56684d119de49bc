package io.earshot.channels.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.channels.AccountSettings;
import io.earshot.ingest.OutboundConnector;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A webhook source's replyUrl cannot make Earshot call its own network, and signatures check as documented. */
class ReplyAddressesTest {

    @Test
    void internalAddressesAreNamedAndPublicOnesPass() throws Exception {
        assertThat(ReplyAddresses.internal(InetAddress.getByName("127.0.0.1"))).isEqualTo("a loopback address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("::1"))).isEqualTo("a loopback address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("169.254.169.254"))).isEqualTo("a link-local address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("10.1.2.3"))).isEqualTo("a private address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("192.168.0.1"))).isEqualTo("a private address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("100.64.0.1"))).isEqualTo("a carrier-grade NAT address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("0.0.0.0"))).isEqualTo("an unspecified address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("fd00::1"))).isEqualTo("a unique-local address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("::ffff:127.0.0.1"))).isEqualTo("a loopback address");
        assertThat(ReplyAddresses.internal(InetAddress.getByName("93.184.215.14"))).isNull();
        assertThat(ReplyAddresses.internal(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))).isNull();
    }

    @Test
    void urlsMustBeHttpWithAHostAndNoPassword() {
        assertThat(ReplyAddresses.parse("https://shop.example.com/earshot").getHost()).isEqualTo("shop.example.com");
        assertThatThrownBy(() -> ReplyAddresses.parse("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> ReplyAddresses.parse("https://u:p@shop.example.com/")).hasMessageContaining("password");
        assertThatThrownBy(() -> ReplyAddresses.parse("not a url")).hasMessageContaining("not a URL");
    }

    @Test
    void withoutPrivateAddressesAReplyToLoopbackIsNeitherCheckedOkNorSent() {
        WebhookConnector connector = new WebhookConnector(new WebhookSettings(Duration.ofMinutes(5), Duration.ofDays(1),
                Duration.ofSeconds(2), false), JsonMapper.builder().build(), Clock.systemUTC());
        AccountSettings account = new AccountSettings(7, "webhook", "shop", Map.of("replyUrl", "http://127.0.0.1:9/x"),
                Map.of("signingSecret", "0123456789abcdef"));
        assertThat(connector.check(account).ok()).isFalse();
        assertThat(connector.check(account).message()).contains("loopback").doesNotContain("0123456789abcdef");
        assertThatThrownBy(() -> connector.send(account, new OutboundConnector.Outgoing("earshot-1", 1, 7L, "other", null, "ria",
                "hi", false, null, null, 1))).hasMessageContaining("loopback");
        assertThat(URI.create("http://127.0.0.1:9/x").getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aSignatureIsTheHexHmacOfTimestampDotBody() {
        byte[] body = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String s = Signatures.sign("secret-secret-secret", "1700000000", body);
        assertThat(s).startsWith("sha256=").hasSize(7 + 64);
        assertThat(Signatures.valid("secret-secret-secret", "1700000000", body, s)).isTrue();
        assertThat(Signatures.valid("secret-secret-secret", "1700000000", body, s.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
        assertThat(Signatures.valid("secret-secret-secret", "1700000001", body, s)).isFalse();
        assertThat(Signatures.valid("other-secret-secret!", "1700000000", body, s)).isFalse();
        assertThat(Signatures.valid("secret-secret-secret", "1700000000", body, "sha256=")).isFalse();
        assertThat(Signatures.valid("secret-secret-secret", "1700000000", body, null)).isFalse();
    }

    @Test
    void keepingDeliveriesShorterThanTwoWindowsIsRefused() {
        assertThatThrownBy(() -> new WebhookSettings(Duration.ofMinutes(5), Duration.ofMinutes(9), Duration.ofSeconds(1), false))
                .hasMessageContaining("keep-deliveries");
    }
}
