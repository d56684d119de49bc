package io.earshot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address table: which addresses a webhook may not be called at, and what they are. */
class InternalAddressesTest {

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0              | unspecified
            0.1.2.3              | unspecified
            10.0.0.1             | private
            100.64.0.1           | carrier-grade NAT
            100.127.255.255      | carrier-grade NAT
            127.0.0.1            | loopback
            127.0.0.2            | loopback
            169.254.169.254      | link-local
            172.16.0.1           | private
            172.20.0.1           | private
            172.31.255.255       | private
            192.0.0.1            | IETF protocol assignment
            192.0.0.170          | IETF protocol assignment
            192.0.2.10           | documentation
            192.88.99.1          | 6to4 relay anycast
            192.168.0.7          | private
            198.18.0.1           | benchmarking
            198.19.255.255       | benchmarking
            198.51.100.4         | documentation
            203.0.113.9          | documentation
            224.0.0.1            | multicast
            239.255.255.250      | multicast
            240.0.0.1            | reserved
            254.1.2.3            | reserved
            255.255.255.255      | broadcast
            ::                   | unspecified
            ::1                  | loopback
            ::127.0.0.1          | 127.0.0.1, a loopback
            ::8.8.8.8            | IPv4-compatible
            ::ffff:10.0.0.1      | private
            ::ffff:127.0.0.1     | loopback
            64:ff9b::a00:1       | 10.0.0.1, a private
            64:ff9b::127.0.0.1   | 127.0.0.1, a loopback
            64:ff9b::169.254.169.254 | link-local
            64:ff9b:1::1         | local-use NAT64
            64:ff9b:1:808:8:800::| local-use NAT64
            100::1               | discard-only
            2001::1              | Teredo
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo
            2001:2::1            | IETF protocol assignment
            2001:10::1           | IETF protocol assignment
            2001:db8::1          | documentation
            2002:7f00:1::1       | 127.0.0.1, a loopback
            2002:a00:1::         | 10.0.0.1, a private
            2002:c0a8:1::1       | 192.168.0.1, a private
            2002:a9fe:a9fe::1    | link-local
            3fff::1              | documentation
            5f00::1              | segment-routing
            fc00::5              | unique-local
            fd12:3456::1         | unique-local
            fe80::1              | link-local
            fec0::1              | site-local
            ff02::1              | multicast
            4000::1              | reserved
            1::1                 | reserved
            ::ffff:0:1.2.3.4     | reserved
            """)
    void internalAddressesAreRefusedAndNamed(String address, String kind) throws Exception {
        assertThat(InternalAddresses.internal(InetAddress.getByName(address))).as(address).isNotNull().contains(kind);
    }

    @ParameterizedTest(name = "{0} may be called")
    @CsvSource(textBlock = """
            8.8.8.8
            1.1.1.1
            93.184.215.14
            100.63.255.255
            100.128.0.1
            172.15.255.255
            172.32.0.1
            192.0.1.1
            192.0.3.1
            192.169.0.1
            198.17.255.255
            198.20.0.1
            198.51.99.1
            203.0.112.1
            203.0.114.1
            223.255.255.255
            ::ffff:8.8.8.8
            64:ff9b::808:808
            2002:808:808::1
            2001:4860:4860::8888
            2a00:1450:4001:80b::200e
            2001:200::1
            2620:4f:8000::1
            """)
    void publicAddressesMayBeCalled(String address) throws Exception {
        assertThat(InternalAddresses.internal(InetAddress.getByName(address))).as(address).isNull();
    }

    @ParameterizedTest(name = "{0} carries {1}")
    @CsvSource(textBlock = """
            ::127.0.0.1, 127.0.0.1
            64:ff9b::a00:1, 10.0.0.1
            2002:7f00:1::1, 127.0.0.1
            2002:808:808::1, 8.8.8.8
            """)
    void anIPv6FormCarryingAnIPv4AddressGivesItUp(String address, String inside) throws Exception {
        assertThat(InternalAddresses.embeddedIPv4(InetAddress.getByName(address))).hasValue(
                (Inet4Address) InetAddress.getByName(inside));
    }

    @Test
    void anIPv4MappedAddressKeptInItsIPv6FormIsJudgedByItsIPv4Address() throws Exception {
        // Java's parser turns ::ffff:a.b.c.d into an IPv4 address; a resolver may still hand over the IPv6 form
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        InetAddress six = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(six).isInstanceOf(Inet6Address.class);
        assertThat(InternalAddresses.embeddedIPv4(six)).hasValue((Inet4Address) InetAddress.getByName("10.0.0.1"));
        assertThat(InternalAddresses.internal(six)).isEqualTo("an IPv4-mapped address carrying 10.0.0.1, a private address");
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertThat(InternalAddresses.internal(Inet6Address.getByAddress(null, mapped, -1))).isNull();
    }
}
