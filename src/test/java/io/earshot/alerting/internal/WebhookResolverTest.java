package io.earshot.alerting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The resolver webhook calls connect through: one lookup, every address checked, the machine's own refused. */
class WebhookResolverTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static WebhookResolver.Lookup answers(String... addresses) {
        return host -> Arrays.stream(addresses).map(WebhookResolverTest::ip).toArray(InetAddress[]::new);
    }

    @Test
    void everyAddressOfThisMachinesOwnInterfacesIsRefused() throws Exception {
        Map<InetAddress, String> mine = WebhookResolver.interfaces();
        assertThat(mine).as("at least the loopback interface").isNotEmpty();
        for (InetAddress a : mine.keySet()) {
            WebhookResolver resolver = new WebhookResolver(false, host -> new InetAddress[] {a}, WebhookResolver::interfaces);
            assertThatThrownBy(() -> resolver.resolve("hook.example")).as(a.toString()).isInstanceOf(WebhookResolver.Refused.class)
                    .hasMessageContaining("inside Earshot's own network");
        }
    }

    @Test
    void aPublicAddressOnThisMachinesInterfaceIsRefusedToo() throws Exception {
        // a server whose eth0 has a public address: the table allows it, the interface list does not
        WebhookResolver.OwnAddresses mine = () -> Map.of(ip("8.8.4.4"), "eth0");
        assertThatThrownBy(() -> new WebhookResolver(false, answers("8.8.4.4"), mine).resolve("hook.example"))
                .isInstanceOf(WebhookResolver.Refused.class).hasMessageContaining("hook.example is at 8.8.4.4, an address of this machine (eth0)");
        assertThatThrownBy(() -> new WebhookResolver(false, answers("2002:808:404::1"), mine).resolve("hook.example"))
                .hasMessageContaining("carrying 8.8.4.4, an address of this machine (eth0)");
        assertThat(new WebhookResolver(false, answers("8.8.8.8"), mine).resolve("hook.example")).containsExactly(ip("8.8.8.8"));
        assertThat(new WebhookResolver(true, answers("8.8.4.4"), mine).resolve("hook.example")).containsExactly(ip("8.8.4.4"));
    }

    @Test
    void oneInternalAddressAmongPublicOnesRefusesTheName() {
        WebhookResolver resolver = new WebhookResolver(false, answers("8.8.8.8", "169.254.169.254"), Map::of);
        assertThatThrownBy(() -> resolver.resolve("hook.example")).isInstanceOf(WebhookResolver.Refused.class)
                .hasMessageContaining("hook.example is at 169.254.169.254, a link-local address, inside Earshot's own network")
                .hasMessageContaining("earshot.alerting.webhook-private-addresses=true");
    }

    @Test
    void eachResolveLooksUpOnceAndAnswersWhatItChecked() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        WebhookResolver resolver = new WebhookResolver(false, host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {ip("8.8.8.8"), ip("2001:4860:4860::8888")};
        }, Map::of);
        assertThat(resolver.resolve("hook.example", 443)).extracting(a -> a.getAddress().getHostAddress() + " " + a.getPort())
                .containsExactly("8.8.8.8 443", "2001:4860:4860:0:0:0:0:8888 443");
        assertThat(lookups).hasValue(1);
        assertThat(resolver.resolve("[2001:4860:4860::8888]")).hasSize(2); // brackets of a literal are taken off
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedOnlyWhenTheCallIsMade() {
        WebhookResolver resolver = new WebhookResolver(false, host -> {
            throw new UnknownHostException(host);
        }, Map::of);
        URI nowhere = URI.create("http://no-such-host.invalid/hook");
        assertThat(resolver.refusal(nowhere, false)).isEmpty();
        assertThat(resolver.refusal(nowhere, true)).hasValueSatisfying(why -> assertThat(why).contains("does not resolve"));
        assertThatThrownBy(() -> resolver.resolve("no-such-host.invalid")).isInstanceOf(WebhookResolver.Refused.class)
                .hasMessage("no-such-host.invalid does not resolve");
    }

    @Test
    void registrationIsWarnedAboutAddressLiteralsAndNames() {
        WebhookResolver system = new WebhookResolver(false, InetAddress::getAllByName, WebhookResolver::interfaces);
        for (String url : List.of("http://127.0.0.1:9/hook", "http://[::1]/hook", "http://[::127.0.0.1]/hook", "http://[::ffff:10.0.0.1]/hook",
                "http://[64:ff9b::7f00:1]/hook", "http://[2002:7f00:1::]/hook", "http://[2001:db8::1]/hook", "http://198.18.0.1/hook",
                "http://255.255.255.255/hook", "http://localhost/hook")) {
            assertThat(system.refusal(URI.create(url), true)).as(url).hasValueSatisfying(why -> assertThat(why)
                    .contains("inside Earshot's own network"));
        }
        assertThat(system.refusal(URI.create("http://127.0.0.1:9/hook"), true)).hasValue("127.0.0.1 is a loopback address, inside "
                + "Earshot's own network; set earshot.alerting.webhook-private-addresses=true to allow such addresses");
        assertThat(system.refusal(URI.create("https://8.8.8.8/hook"), true)).isEmpty();
        assertThat(new WebhookResolver(true, InetAddress::getAllByName, WebhookResolver::interfaces)
                .refusal(URI.create("http://127.0.0.1:9/hook"), true)).isEmpty();
    }
}
