package io.earshot.channels.internal.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook source's replyUrl may point: an http(s) address whose host resolves only to public addresses, never
 * to one {@link io.earshot.platform.InternalAddresses} names (loopback, private, link-local where cloud metadata
 * services live, carrier-grade NAT, ...); {@code earshot.channels.webhook.private-addresses=true} allows them.
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

    /** What kind of internal address {@code a} is, or null for a public one (the table alert webhooks use too). */
    static String internal(InetAddress a) {
        return io.earshot.platform.InternalAddresses.internal(a);
    }
}
