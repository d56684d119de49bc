package io.earshot.alerting;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhooks out of the network Earshot runs in: an address that is, or whose name resolves to, a loopback,
 * private, link-local (cloud metadata services live there), unique-local, carrier-grade NAT, multicast or
 * unspecified address is refused, unless {@code earshot.alerting.webhook-private-addresses} allows them (a receiver
 * on the same network). Checked before every call, since a name can be pointed elsewhere after it was registered;
 * at registration, such an address is accepted with a warning saying why its calls will be refused.
 */
final class WebhookAddresses {

    private WebhookAddresses() {
    }

    /**
     * Why {@code uri} may not be called, or empty if it may. A name that does not resolve now is not refused
     * here (the call will fail on its own); {@code mustResolve} makes it a refusal, for the moment of the call.
     */
    static Optional<String> refusal(URI uri, boolean allowPrivate, boolean mustResolve) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("the address has no host");
        }
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of(host + " does not resolve") : Optional.empty();
        }
        for (InetAddress a : resolved) {
            String kind = internal(a);
            if (kind != null) {
                return Optional.of(host + " is " + (host.equals(a.getHostAddress()) ? "" : "at " + a.getHostAddress() + ", ")
                        + "a " + kind + " address, inside Earshot's own network; set earshot.alerting.webhook-private-addresses="
                        + "true to allow such receivers");
            }
        }
        return Optional.empty();
    }

    /** What kind of internal address this is, or null for a public one. */
    static String internal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc ? "unique-local" : null; // fc00::/7
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return "unspecified";
        }
        if (first == 100 && second >= 64 && second < 128) {
            return "carrier-grade NAT"; // 100.64.0.0/10
        }
        return null;
    }
}
