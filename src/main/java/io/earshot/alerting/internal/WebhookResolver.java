package io.earshot.alerting.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks out of the network Earshot runs in. A webhook's host name is looked up once per call; if any of
 * its addresses is internal ({@link io.earshot.platform.InternalAddresses}) or one of this machine's own interface addresses, the call
 * is refused ({@link Refused}); otherwise the connection is made to exactly the addresses that were checked (this
 * is the {@link DnsResolver} of the webhook client, so no second lookup can answer differently), while TLS still
 * verifies the host name. {@code earshot.alerting.webhook-private-addresses=true} allows internal receivers.
 */
@Component
public class WebhookResolver implements DnsResolver {

    private static final Logger log = LoggerFactory.getLogger(WebhookResolver.class);

    /** Looks a host name (or an address literal) up: every address it has. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** This machine's own addresses, each with the name of its network interface. */
    @FunctionalInterface
    public interface OwnAddresses {
        Map<InetAddress, String> now();
    }

    /** A call that is not made: why is the message. */
    public static final class Refused extends UnknownHostException {
        private final boolean unresolved;

        Refused(String why, boolean unresolved) {
            super(why);
            this.unresolved = unresolved;
        }

        /** The name did not resolve (rather than resolving inside Earshot's own network). */
        boolean unresolved() {
            return unresolved;
        }
    }

    private final boolean allowPrivate;
    private final Lookup lookup;
    private final OwnAddresses own;

    @Autowired
    WebhookResolver(AlertingSettings settings) {
        this(settings.webhookPrivateAddresses(), InetAddress::getAllByName, WebhookResolver::interfaces);
    }

    WebhookResolver(boolean allowPrivate, Lookup lookup, OwnAddresses own) {
        this.allowPrivate = allowPrivate;
        this.lookup = lookup;
        this.own = own;
    }

    /** The checked addresses of {@code host}, looked up once; {@link Refused} if any may not be called. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = bare(host);
        InetAddress[] found;
        try {
            found = lookup.all(name);
        } catch (UnknownHostException e) {
            throw new Refused(name + " does not resolve", true);
        }
        if (found == null || found.length == 0) {
            throw new Refused(name + " does not resolve", true);
        }
        found = found.clone();
        if (!allowPrivate) {
            Map<InetAddress, String> mine = own.now();
            for (InetAddress a : found) {
                String kind = kind(a, mine);
                if (kind != null) {
                    throw new Refused(name + " is " + (name.equalsIgnoreCase(a.getHostAddress()) || literal(name) ? "" : "at "
                            + a.getHostAddress() + ", ") + kind + ", inside Earshot's own network; set "
                            + "earshot.alerting.webhook-private-addresses=true to allow such receivers", false);
                }
            }
        }
        return found;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
    }

    /** Not used to connect (only for Kerberos, which webhooks do not use): the name as given. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return bare(host);
    }

    /**
     * Why {@code uri} may not be called, or empty if it may, for a warning at registration. A name that does not
     * resolve now is not refused unless {@code mustResolve}; the call itself is checked again when it is made.
     */
    public Optional<String> refusal(URI uri, boolean mustResolve) {
        if (allowPrivate) {
            return Optional.empty();
        }
        if (uri.getHost() == null) {
            return Optional.of("the address has no host");
        }
        try {
            resolve(uri.getHost());
            return Optional.empty();
        } catch (Refused e) {
            return e.unresolved() && !mustResolve ? Optional.empty() : Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of(e.getMessage()) : Optional.empty();
        }
    }

    /** Why an address is internal ("a loopback address", "an address of this machine (eth0)"), or null. */
    static String kind(InetAddress a, Map<InetAddress, String> mine) {
        String kind = io.earshot.platform.InternalAddresses.internal(a);
        if (kind != null) {
            return kind;
        }
        for (InetAddress candidate : io.earshot.platform.InternalAddresses.embeddedIPv4(a).map(v4 -> List.of(a, v4)).orElse(List.of(a))) {
            String nic = mine.get(plain(candidate));
            if (nic != null) {
                return (candidate == a ? "" : "carrying " + candidate.getHostAddress() + ", ") + "an address of this machine ("
                        + nic + ")";
            }
        }
        return null;
    }

    /** Every address of every network interface of this machine, up or down. */
    public static Map<InetAddress, String> interfaces() {
        Map<InetAddress, String> out = new HashMap<>();
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            for (NetworkInterface nic : all == null ? List.<NetworkInterface>of() : Collections.list(all)) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    out.put(plain(a), nic.getName());
                }
            }
        } catch (SocketException e) {
            // no interfaces listed: the address table still refuses loopback, private and link-local addresses
            log.warn("could not list this machine's network interfaces; webhooks to its public addresses are not refused", e);
        }
        return out;
    }

    /** The address without a scope or host name, so that equal addresses compare equal. */
    private static InetAddress plain(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes", e);
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean literal(String name) {
        return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
