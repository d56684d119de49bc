package io.earshot.platform;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses Earshot may not be made to call (alert webhooks, webhook sources' replyUrls): every IANA special-purpose range that is not globally reachable
 * (loopback, private, link-local where cloud metadata services live, carrier-grade NAT, documentation,
 * benchmarking, reserved, broadcast, multicast, unique-local, discard-only, ...) and, in IPv6, everything outside
 * global unicast {@code 2000::/3}. An IPv6 form that carries an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64,
 * 6to4) is judged by that IPv4 address too; Teredo, local-use NAT64 and the other IETF protocol assignments are
 * refused whole. A pure table: alerting's webhook resolver applies it and adds the machine's own interface addresses;
 * the webhook channel applies it to replyUrls.
 */
public final class InternalAddresses {

    /** A prefix of {@code bits} bits and what its addresses are. */
    private record Range(byte[] prefix, int bits, String kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /** The IPv4 special-purpose ranges that are not globally reachable, most specific first. */
    private static final List<Range> V4 = List.of(
            range("0.0.0.0/8", "an unspecified address"),
            range("10.0.0.0/8", "a private address"),
            range("100.64.0.0/10", "a carrier-grade NAT address"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address"),
            range("172.16.0.0/12", "a private address"),
            range("192.0.0.0/24", "an IETF protocol assignment address"),
            range("192.0.2.0/24", "a documentation address"),
            range("192.88.99.0/24", "a 6to4 relay anycast address"),
            range("192.168.0.0/16", "a private address"),
            range("198.18.0.0/15", "a benchmarking address"),
            range("198.51.100.0/24", "a documentation address"),
            range("203.0.113.0/24", "a documentation address"),
            range("224.0.0.0/4", "a multicast address"),
            range("255.255.255.255/32", "a broadcast address"),
            range("240.0.0.0/4", "a reserved address"));

    /** IPv6 ranges refused whatever they carry, most specific first; then everything outside 2000::/3. */
    private static final List<Range> V6 = List.of(
            range("::/128", "an unspecified address"),
            range("::1/128", "a loopback address"),
            range("64:ff9b:1::/48", "a local-use NAT64 address"),
            range("100::/64", "a discard-only address"),
            range("100:0:0:1::/64", "a dummy address"),
            range("2001::/32", "a Teredo address"),
            range("2001::/23", "an IETF protocol assignment address"),
            range("2001:db8::/32", "a documentation address"),
            range("3fff::/20", "a documentation address"),
            range("5f00::/16", "a segment-routing address"),
            range("fc00::/7", "a unique-local address"),
            range("fe80::/10", "a link-local address"),
            range("fec0::/10", "a site-local address"),
            range("ff00::/8", "a multicast address"));

    private static final Range GLOBAL_UNICAST = range("2000::/3", "a global unicast address");
    private static final Range MAPPED = range("::ffff:0:0/96", "an IPv4-mapped address");
    private static final Range COMPATIBLE = range("::/96", "an IPv4-compatible address");
    private static final Range NAT64 = range("64:ff9b::/96", "a NAT64 address");
    private static final Range SIX_TO_FOUR = range("2002::/16", "a 6to4 address");

    private InternalAddresses() {
    }

    /**
     * What kind of internal address this is ("a loopback address", "a 6to4 address carrying 10.0.0.1, a private
     * address", ...), or null for one a webhook may be called at.
     */
    public static String internal(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return v4(b);
        }
        for (Range r : V6) {
            if (r.contains(b)) {
                return r.kind();
            }
        }
        Optional<Inet4Address> inside = embeddedIPv4(a);
        if (inside.isPresent()) {
            String kind = v4(inside.get().getAddress());
            if (kind != null) {
                return form(b) + " carrying " + inside.get().getHostAddress() + ", " + kind;
            }
            if (COMPATIBLE.contains(b)) {
                return COMPATIBLE.kind(); // deprecated, never routed: refused whatever it carries
            }
            return null; // a public IPv4 address reached through IPv4-mapped, NAT64 or 6to4
        }
        return GLOBAL_UNICAST.contains(b) ? null : "a reserved address (outside global unicast 2000::/3)";
    }

    /**
     * The IPv4 address an IPv6 address carries: IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
     * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::} (bits 16-47); empty for an
     * IPv4 address and every other IPv6 one.
     */
    public static Optional<Inet4Address> embeddedIPv4(InetAddress a) {
        byte[] b = a.getAddress();
        int at;
        if (b.length != 16) {
            return Optional.empty();
        } else if (MAPPED.contains(b) || NAT64.contains(b) || COMPATIBLE.contains(b)) {
            at = 12;
        } else if (SIX_TO_FOUR.contains(b)) {
            at = 2;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, at, at + 4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static String v4(byte[] b) {
        for (Range r : V4) {
            if (r.contains(b)) {
                return r.kind();
            }
        }
        return null;
    }

    private static String form(byte[] b) {
        for (Range r : List.of(MAPPED, NAT64, SIX_TO_FOUR)) {
            if (r.contains(b)) {
                return r.kind();
            }
        }
        return COMPATIBLE.kind();
    }

    private static Range range(String cidr, String kind) {
        int slash = cidr.indexOf('/');
        try {
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress(); // a literal: parsed, not looked up
            if (prefix.length == 4 && cidr.contains(":")) { // Java reads ::ffff:a.b.c.d as the IPv4 address
                byte[] six = new byte[16];
                six[10] = (byte) 0xff;
                six[11] = (byte) 0xff;
                System.arraycopy(prefix, 0, six, 12, 4);
                prefix = six;
            }
            return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)), kind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
