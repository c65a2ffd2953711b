package io.jvicorn.http11.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, 0",
            "127.0.0.1, 2130706433",
            "255.255.255.255, 4294967295",
            "10.1.2.3, 167838211",
    })
    void readsIpv4(String text, long value) {
        assertEquals(new IpLiteral(false, 0, value), IpLiteral.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
            "::, 0, 0",
            "::1, 0, 1",
            "0:0:0:0:0:0:0:1, 0, 1",
            "1::, 0x0001000000000000, 0",
            "2001:db8::, 0x20010db800000000, 0",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 0x20010db800000000, 1",
            "2001:DB8::ABCD, 0x20010db800000000, 0xabcd",
            "::ffff:1.2.3.4, 0, 0x0000ffff01020304",
            "2001:db8:3333:4444:5555:6666:1.2.3.4, 0x20010db833334444, 0x5555666601020304",
            "::11.22.33.44, 0, 0x0b16212c",
            "1:2:3:4:5:6:7::, 0x0001000200030004, 0x0005000600070000",
            "::2:3:4:5:6:7:8, 0x0000000200030004, 0x0005000600070008",
            "fe80::1%eth0, 0xfe80000000000000, 1",
            "fe80::1%2, 0xfe80000000000000, 1",
    })
    void readsIpv6(String text, String high, String low) {
        assertEquals(new IpLiteral(true, bits(high), bits(low)), IpLiteral.parse(text));
    }

    private static long bits(String number) {
        return number.startsWith("0x") ? Long.parseUnsignedLong(number.substring(2), 16) : Long.parseLong(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "1", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4 ", " 1.2.3.4",
            "1.2.3.-4", "1.2.3.1000", "a.b.c.d", "localhost", "*", "unix:", "/foo/bar", "1.2.3.4:80",
            ":", ":::", "1:::2", "1::2::3", ":1::", "1::2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
            "g::", "1:2:3:4:5:6:7:8::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "fe80::1%", "[::1]",
            "::01.2.3.4",
    })
    void rejectsAnythingElse(String text) {
        assertNull(IpLiteral.parse(text), text);
    }

    @Test
    void ipv4MappedIpv6IsNotTheIpv4Address() {
        assertFalse(IpLiteral.parse("::ffff:127.0.0.1").equals(IpLiteral.parse("127.0.0.1")));
    }

    @Test
    void masksNetworks() {
        assertEquals(IpLiteral.parse("10.0.0.0"), IpLiteral.parse("10.1.2.3").masked(8));
        assertEquals(IpLiteral.parse("0.0.0.0"), IpLiteral.parse("10.1.2.3").masked(0));
        assertEquals(IpLiteral.parse("10.1.2.3"), IpLiteral.parse("10.1.2.3").masked(32));
        assertEquals(IpLiteral.parse("2001:db8::"), IpLiteral.parse("2001:db8:1:2::3").masked(32));
        assertEquals(IpLiteral.parse("2001:db8:1:2:8000::"), IpLiteral.parse("2001:db8:1:2:ffff::3").masked(65));
        assertEquals(IpLiteral.parse("::"), IpLiteral.parse("2001:db8::3").masked(0));
        assertEquals(IpLiteral.parse("2001:db8::3"), IpLiteral.parse("2001:db8::3").masked(128));
    }

    @Test
    void readsNetworks() {
        IpNetwork v4 = IpNetwork.parse("10.0.0.0/8");
        assertNotNull(v4);
        assertTrue(v4.contains(IpLiteral.parse("10.255.0.1")));
        assertFalse(v4.contains(IpLiteral.parse("11.0.0.1")));
        assertFalse(v4.contains(IpLiteral.parse("::ffff:10.0.0.1")));
        assertEquals(v4, IpNetwork.parse("10.9.9.9/8"));
        assertEquals(v4, IpNetwork.parse("10.0.0.0/255.0.0.0"));
        assertEquals(new IpNetwork(IpLiteral.parse("0.0.0.0"), 0), IpNetwork.parse("1.2.3.4/0"));

        IpNetwork v6 = IpNetwork.parse("2001:db8:abcd:0012::0/64");
        assertNotNull(v6);
        assertTrue(v6.contains(IpLiteral.parse("2001:db8:abcd:12:ffff::1")));
        assertFalse(v6.contains(IpLiteral.parse("2001:db8:abcd:13::")));
        assertFalse(v6.contains(IpLiteral.parse("10.0.0.1")));
    }

    @Test
    void aSlashAfterSomethingElseIsNotANetwork() {
        assertNull(IpNetwork.parse("/foo/bar"));
        assertNull(IpNetwork.parse("unix:///run/app.sock"));
        assertNull(IpNetwork.parse("10.0.0.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/abc", "10.0.0.0/255.0.255.0",
            "::/129", "::/ffff::", "10.0.0.0/0008"})
    void anIpWithABadPrefixIsAnError(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpNetwork.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a network"), e.getMessage());
    }
}
