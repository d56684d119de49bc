package io.earshot.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookAddressesTest {

    @Test
    void internalAddressesAreNamedAndPublicOnesAreNot() throws Exception {
        assertThat(WebhookAddresses.internal(InetAddress.getByName("127.0.0.2"))).isEqualTo("loopback");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("172.20.0.1"))).isEqualTo("private");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("169.254.169.254"))).isEqualTo("link-local");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("fe80::1"))).isEqualTo("link-local");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("fc00::5"))).isEqualTo("unique-local");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("::ffff:10.0.0.1"))).isEqualTo("private");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("224.0.0.1"))).isEqualTo("multicast");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("100.127.255.255"))).isEqualTo("carrier-grade NAT");
        assertThat(WebhookAddresses.internal(InetAddress.getByName("100.128.0.1"))).isNull();
        assertThat(WebhookAddresses.internal(InetAddress.getByName("172.32.0.1"))).isNull();
        assertThat(WebhookAddresses.internal(InetAddress.getByName("8.8.8.8"))).isNull();
        assertThat(WebhookAddresses.internal(InetAddress.getByName("2001:db8::1"))).isNull();
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedOnlyWhenTheCallIsMade() {
        URI nowhere = URI.create("http://no-such-host.invalid/hook");
        assertThat(WebhookAddresses.refusal(nowhere, false, false)).isEmpty();
        assertThat(WebhookAddresses.refusal(nowhere, false, true)).hasValueSatisfying(why -> assertThat(why).contains("does not resolve"));
        assertThat(WebhookAddresses.refusal(URI.create("http://127.0.0.1:9/hook"), true, true)).isEmpty();
        assertThat(WebhookAddresses.refusal(URI.create("http://127.0.0.1:9/hook"), false, true))
                .hasValueSatisfying(why -> assertThat(why).contains("loopback"));
    }
}
