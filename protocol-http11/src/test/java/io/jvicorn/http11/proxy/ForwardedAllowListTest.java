package io.jvicorn.http11.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Uvicorn's {@code test_forwarded_hosts} table (tests/middleware/test_proxy_headers.py), plus jvicorn's additions. */
class ForwardedAllowListTest {
    private static final String NOTHING = "";
    private static final String EVERYTHING = "*";
    private static final String IPV4_ADDRESSES = "127.0.0.1, 10.0.0.1";
    private static final String IPV4_NETWORKS = "127.0.0.0/8,10.0.0.0/8";
    private static final String IPV6_ADDRESSES = "2001:db8::, 2001:0db8:0001:0000:0000:0ab9:C0A8:0102, "
            + "2001:db8:3333:4444:5555:6666:1.2.3.4, ::11.22.33.44";
    private static final String IPV6_NETWORKS = "2001:db8:abcd:0012::0/64";
    private static final String LITERALS = "some-literal , unix:///foo/bar  ,  /foo/bar, garba*gewith*";

    /** Every host Uvicorn's table checks against every list. */
    private static final List<String> HOSTS = List.of(
            "127.0.0.0", "127.0.0.1", "127.1.1.1", "127.255.255.255", "10.0.0.0", "10.0.0.1", "10.1.1.1",
            "10.255.255.255", "192.168.0.0", "192.168.0.1", "1.1.1.1",
            "2001:db8::", "2001:db8:abcd:0012::0", "2001:db8:abcd:0012::1:1", "::", "::1",
            "2001:db8:3333:4444:5555:6666:102:304", "::b16:212c", "a:b:c:d::", "::a:b:c:d",
            "some-literal", "unix:///foo/bar", "/foo/bar", "*", "another-literal", "unix:///another/path",
            "/another/path", "");

    static Stream<Arguments> uvicornTable() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, NOTHING, Set.of());
        add(cases, EVERYTHING, Set.copyOf(HOSTS));
        add(cases, IPV4_ADDRESSES, Set.of("127.0.0.1", "10.0.0.1"));
        add(cases, IPV6_ADDRESSES, Set.of("2001:db8::", "2001:db8:3333:4444:5555:6666:102:304", "::b16:212c"));
        add(cases, IPV4_NETWORKS, Set.of("127.0.0.0", "127.0.0.1", "127.1.1.1", "127.255.255.255", "10.0.0.0",
                "10.0.0.1", "10.1.1.1", "10.255.255.255"));
        add(cases, IPV6_NETWORKS, Set.of("2001:db8:abcd:0012::0", "2001:db8:abcd:0012::1:1"));
        add(cases, LITERALS, Set.of("some-literal", "unix:///foo/bar", "/foo/bar"));
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String list, Set<String> trusted) {
        for (String host : HOSTS) {
            cases.add(Arguments.of(list, host, trusted.contains(host)));
        }
    }

    @ParameterizedTest(name = "[{0}] trusts \"{1}\": {2}")
    @MethodSource("uvicornTable")
    void matchesUvicornsTable(String list, String host, boolean expected) {
        assertEquals(expected, ForwardedAllowList.parse(list).trusts(host));
    }

    @Test
    void addressesCompareAsAddressesWhateverTheSpelling() {
        ForwardedAllowList list = ForwardedAllowList.parse("::1, 2001:DB8::A");
        assertTrue(list.trusts("0:0:0:0:0:0:0:1")); // how java.net.InetAddress prints the loopback
        assertTrue(list.trusts("2001:0db8:0:0:0:0:0:000a"));
        assertTrue(list.trusts("::1%lo"));
        assertFalse(list.trusts("::2"));
    }

    @Test
    void anIpv4AddressIsNotItsIpv4MappedForm() {
        ForwardedAllowList list = ForwardedAllowList.parse("127.0.0.0/8");
        assertFalse(list.trusts("::ffff:127.0.0.1"));
    }

    @Test
    void aStarAnywhereTrustsEverything() {
        ForwardedAllowList list = ForwardedAllowList.parse("10.0.0.1, *");
        assertTrue(list.trustsAll());
        assertTrue(list.trusts("8.8.8.8"));
        assertTrue(list.trusts(null));
        assertTrue(list.trustsPeer(null));
    }

    @Test
    void nothingTrustsNullOrTheEmptyHost() {
        ForwardedAllowList list = ForwardedAllowList.parse(" , ,127.0.0.1,");
        assertFalse(list.trustsAll());
        assertFalse(list.trusts(null));
        assertFalse(list.trusts(""));
        assertFalse(list.trustsPeer(null));
        assertTrue(list.trusts("127.0.0.1"));
    }

    @Test
    void netmasksAndHostBitsAreAccepted() {
        ForwardedAllowList list = ForwardedAllowList.parse("192.168.1.77/24, 172.16.0.0/255.240.0.0");
        assertTrue(list.trusts("192.168.1.1"));
        assertFalse(list.trusts("192.168.2.1"));
        assertTrue(list.trusts("172.31.255.255"));
        assertFalse(list.trusts("172.32.0.0"));
    }

    @Test
    void anIpWithAnInvalidPrefixIsAnErrorNotALiteral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardedAllowList.parse("127.0.0.1, 10.0.0.0/33"));
        assertEquals("'10.0.0.0/33' is not a network: the prefix after '/' must be 0..32 or a netmask such as "
                + "255.255.0.0", e.getMessage());
    }

    @Test
    void unixSocketPeers() {
        Address unnamedPeer = new Address("", null);
        assertFalse(ForwardedAllowList.parse("127.0.0.1").trustsPeer(unnamedPeer));
        assertTrue(ForwardedAllowList.parse("127.0.0.1, unix:").trustsPeer(unnamedPeer));
        assertTrue(ForwardedAllowList.parse("*").trustsPeer(unnamedPeer));

        ForwardedAllowList byPath = ForwardedAllowList.parse("/run/app.sock, unix:/run/other.sock");
        assertTrue(byPath.trustsUnixSocket("/run/app.sock"));
        assertTrue(byPath.trustsUnixSocket("/run/other.sock"));
        assertFalse(byPath.trustsUnixSocket("/run/third.sock"));
        assertFalse(byPath.trustsUnixSocket(""));
        assertTrue(byPath.trustsPeer(new Address("/run/app.sock", null)));
        // A path literal does not make a TCP peer of the same name trusted, nor "unix:" an IP peer.
        assertFalse(ForwardedAllowList.parse("unix:").trustsPeer(new Address("127.0.0.1", 5000)));
    }

    @Test
    void tcpPeersAreCheckedByAddress() {
        ForwardedAllowList list = ForwardedAllowList.parse("10.0.0.0/8");
        assertTrue(list.trustsPeer(new Address("10.1.2.3", 40000)));
        assertFalse(list.trustsPeer(new Address("11.1.2.3", 40000)));
    }

    @Test
    void printsAsGiven() {
        assertEquals("127.0.0.1, 10.0.0.0/8", ForwardedAllowList.parse("127.0.0.1, 10.0.0.0/8").toString());
    }
}
