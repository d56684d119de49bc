package io.earshot.channels.internal.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook source's replyUrl may point: an http(s) address whose host resolves only to public addresses, never
 * loopback, private, link-local (where cloud metadata services live), carrier-grade NAT, unique-local, multicast or
 * unspecified ones, also when carried inside an IPv4-mapped IPv6 address. A smaller table than the alert webhooks'
 * (alerting may not be a dependency of channels); {@code earshot.channels.webhook.private-addresses=true} allows them.
 */
final class ReplyAddresses {

    private ReplyAddresses() {
    }

    /** The replyUrl as a URI, or why it cannot be one (no lookups). */
    static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("replyUrl is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("replyUrl must be an http or https URL with a host, like https://shop.example.com/earshot");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("replyUrl may not carry a user name or password; the signature proves the sender");
        }
        return uri;
    }

    /** Resolves the URL's host; throws naming the address when one is internal and those are not allowed. */
    static InetAddress[] resolve(URI uri, boolean allowPrivate) throws UnknownHostException {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        InetAddress[] all = InetAddress.getAllByName(host);
        if (!allowPrivate) {
            for (InetAddress a : all) {
                String kind = internal(a);
                if (kind != null) {
                    throw new UnknownHostException(uri.getHost() + " resolves to " + a.getHostAddress() + ", " + kind
                            + "; replies are not sent to internal addresses (earshot.channels.webhook.private-addresses)");
                }
            }
        }
        return all;
    }

    /** What kind of internal address {@code a} is, or null for a public one. */
    static String internal(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16 && isMapped(b)) {
            try {
                return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are an IPv4 address", e);
            }
        }
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "a carrier-grade NAT address";
        }
        if (b.length == 4 && ((b[0] & 0xff) == 0 || (b[0] & 0xf0) == 0xf0)) {
            return "a reserved address";
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "a unique-local address";
        }
        return null;
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
