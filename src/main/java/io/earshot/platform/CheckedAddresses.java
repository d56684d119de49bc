package io.earshot.platform;

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

/**
 * Keeps Earshot's calls out of the network it runs in (alert webhooks, webhook sources' replyUrls, feeds). A host name
 * is looked up once per connection; if any of its addresses is internal ({@link InternalAddresses}) or one of this
 * machine's own interface addresses, the connection is refused ({@link Refused}); otherwise it is made to exactly the
 * addresses that were checked (this is the {@link DnsResolver} of the client, see {@link OutboundHttp}, so no second
 * lookup can answer differently: DNS rebinding finds nothing to rebind), while TLS still verifies the host name. Each
 * caller has its own setting that allows internal addresses ({@code allowWith} names it).
 */
public class CheckedAddresses implements DnsResolver {

    private static final Logger log = LoggerFactory.getLogger(CheckedAddresses.class);

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

        public Refused(String why, boolean unresolved) {
            super(why);
            this.unresolved = unresolved;
        }

        /** The name did not resolve (rather than resolving inside Earshot's own network). */
        public boolean unresolved() {
            return unresolved;
        }
    }

    private final boolean allowPrivate;
    private final String allowWith;
    private final Lookup lookup;
    private final OwnAddresses own;

    /** Addresses checked against the system's DNS; {@code allowWith} is the setting that allows internal ones. */
    public CheckedAddresses(boolean allowPrivate, String allowWith) {
        this(allowPrivate, allowWith, InetAddress::getAllByName, CheckedAddresses::interfaces);
    }

    public CheckedAddresses(boolean allowPrivate, String allowWith, Lookup lookup, OwnAddresses own) {
        this.allowPrivate = allowPrivate;
        this.allowWith = allowWith;
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
                            + allowWith + "=true to allow such addresses", false);
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
    public static String kind(InetAddress a, Map<InetAddress, String> mine) {
        String kind = InternalAddresses.internal(a);
        if (kind != null) {
            return kind;
        }
        for (InetAddress candidate : InternalAddresses.embeddedIPv4(a).map(v4 -> List.of(a, v4)).orElse(List.of(a))) {
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
            log.warn("could not list this machine's network interfaces; calls to its public addresses are not refused", e);
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
