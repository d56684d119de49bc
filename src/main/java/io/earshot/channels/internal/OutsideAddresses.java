package io.earshot.channels.internal;

import io.earshot.platform.InternalAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a channel may make Earshot call out to (a webhook source's replyUrl, a feed's address): an http(s) URL with a
 * host and no user name or password, whose host resolves only to public addresses, never to one
 * {@link InternalAddresses} names (loopback, private, link-local where cloud metadata services live, carrier-grade
 * NAT, ...) unless the channel's own setting allows them.
 */
public final class OutsideAddresses {

    private OutsideAddresses() {
    }

    /** A host that resolves to an internal address, refused. */
    public static final class Internal extends UnknownHostException {
        Internal(String message) {
            super(message);
        }
    }

    /** {@code url} as a URI, or why it cannot be one, naming it {@code what} ("replyUrl"); no lookups. */
    public static URI parse(String url, String what, String example) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an http or https URL with a host, like " + example);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(what + " may not carry a user name or password");
        }
        return uri;
    }

    /**
     * Resolves the URL's host; throws naming the address when one is internal and {@code allowPrivate} is off, saying
     * why ({@code refusal}: "replies are not sent to internal addresses (the.property)").
     */
    public static InetAddress[] resolve(URI uri, boolean allowPrivate, String refusal) throws UnknownHostException {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        InetAddress[] all = InetAddress.getAllByName(host);
        if (!allowPrivate) {
            for (InetAddress a : all) {
                String kind = InternalAddresses.internal(a);
                if (kind != null) {
                    throw new Internal(uri.getHost() + " resolves to " + a.getHostAddress() + ", " + kind + "; " + refusal);
                }
            }
        }
        return all;
    }
}
