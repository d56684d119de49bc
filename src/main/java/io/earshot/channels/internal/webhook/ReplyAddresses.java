package io.earshot.channels.internal.webhook;

import io.earshot.channels.internal.OutsideAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook source's replyUrl may point: an http(s) address whose host resolves only to public addresses, never
 * to one {@link io.earshot.platform.InternalAddresses} names (loopback, private, link-local where cloud metadata
 * services live, carrier-grade NAT, ...); {@code earshot.channels.webhook.private-addresses=true} allows them. The
 * checks are {@link OutsideAddresses}', shared with the feed channel.
 */
final class ReplyAddresses {

    private ReplyAddresses() {
    }

    /** The replyUrl as a URI, or why it cannot be one (no lookups). */
    static URI parse(String url) {
        try {
            return OutsideAddresses.parse(url, "replyUrl", "https://shop.example.com/earshot");
        } catch (IllegalArgumentException e) {
            if (e.getMessage().contains("password")) {
                throw new IllegalArgumentException(e.getMessage() + "; the signature proves the sender");
            }
            throw e;
        }
    }

    /** Resolves the URL's host; throws naming the address when one is internal and those are not allowed. */
    static InetAddress[] resolve(URI uri, boolean allowPrivate) throws UnknownHostException {
        return OutsideAddresses.resolve(uri, allowPrivate,
                "replies are not sent to internal addresses (earshot.channels.webhook.private-addresses)");
    }

    /** What kind of internal address {@code a} is, or null for a public one (the table alert webhooks use too). */
    static String internal(InetAddress a) {
        return io.earshot.platform.InternalAddresses.internal(a);
    }
}
