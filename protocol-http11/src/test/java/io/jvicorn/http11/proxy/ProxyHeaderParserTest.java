package io.jvicorn.http11.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Byte vectors of both versions, each parsed whole, one byte at a time and cut in two at every offset: the same
 * result, the same number of bytes consumed, and the bytes after the header left in the buffer.
 */
class ProxyHeaderParserTest {
    private static final byte[] SIGNATURE = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a");

    /** The result of parsing {@code input} however it is split, and how many bytes that read. */
    private record Outcome(ProxyParse parse, int consumed) {
    }

    private static Outcome parse(byte[] input) {
        Outcome whole = parse(input, new int[] {input.length});
        int[] bytewise = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            bytewise[i] = i + 1;
        }
        assertEquals(whole, parse(input, bytewise), "one byte at a time");
        for (int cut = 1; cut < input.length; cut++) {
            assertEquals(whole, parse(input, new int[] {cut, input.length}), "cut at " + cut);
        }
        return whole;
    }

    private static Outcome parse(byte[] input, int[] ends) {
        ProxyHeaderParser parser = new ProxyHeaderParser();
        int from = 0;
        int consumed = 0;
        for (int end : ends) {
            ByteBuffer in = ByteBuffer.wrap(input, from, end - from);
            ProxyParse result = parser.next(in);
            consumed += in.position() - from;
            if (result != null) {
                int at = in.position();
                assertSame(result, parser.next(in), "the result again");
                assertEquals(at, in.position(), "nothing read after the result");
                return new Outcome(result, consumed);
            }
            assertEquals(end, in.position(), "an incomplete header consumes everything");
            from = end;
        }
        return new Outcome(null, consumed);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ProxyHeader header(Outcome outcome) {
        return assertInstanceOf(ProxyHeader.class, outcome.parse());
    }

    // --- version 1

    @Test
    void v1Tcp4LeavesTheRequestInTheBuffer() {
        byte[] line = ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n");
        byte[] input = concat(line, ascii("GET / HTTP/1.1\r\n"));
        Outcome outcome = parse(input);
        assertEquals(line.length, outcome.consumed());
        ProxyHeader h = header(outcome);
        assertEquals(1, h.version());
        assertEquals(new InetSocketAddress("192.168.0.1", 56324), h.source());
        assertEquals(new InetSocketAddress("192.168.0.11", 443), h.destination());
        assertEquals(List.of(), h.tlvs());
        assertNull(h.ssl());
    }

    @Test
    void v1Tcp6() {
        ProxyHeader h = header(parse(ascii("PROXY TCP6 2001:DB8::1 ::1 65535 0\r\n")));
        assertEquals(new InetSocketAddress("2001:db8::1", 65535), h.source());
        assertEquals(new InetSocketAddress("::1", 0), h.destination());
    }

    @Test
    void v1UnknownHasNoAddressesAndMayCarryAnything() {
        assertEquals(new ProxyHeader(1, true, null, null, List.of(), null), header(parse(ascii("PROXY UNKNOWN\r\n"))));
        String longest = "PROXY UNKNOWN " + "x".repeat(107 - 16) + "\r\n";
        assertEquals(107, longest.length());
        Outcome outcome = parse(ascii(longest));
        assertEquals(107, outcome.consumed());
        assertTrue(header(outcome).local());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // input | violation | bytes read when rejected
            "GET / HTTP/1.1\\r\\n| NOT_A_PROXY_HEADER | 1",
            "PROXX TCP4| NOT_A_PROXY_HEADER | 5",
            "PROXY UDP4 1.2.3.4 5.6.7.8 1 2\\r\\n| V1_UNKNOWN_PROTOCOL | 8",
            "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\\r\\n| V1_UNKNOWN_PROTOCOL | 10",
            "PROXY tcp4| V1_INVALID_CHARACTER | 7",
            "PROXY TCP4\\r\\n| V1_WRONG_FIELD_COUNT | 11",
            "PROXY TCP4 1.2.3.4  5.6.7.8 1 2\\r\\n| V1_INVALID_CHARACTER | 20",
            "PROXY TCP4 ::1 ::1 1 2\\r\\n| V1_INVALID_CHARACTER | 12",
            "PROXY TCP4 1.2.3.256 5.6.7.8 1 2\\r\\n| V1_INVALID_ADDRESS | 21",
            "PROXY TCP4 01.2.3.4 5.6.7.8 1 2\\r\\n| V1_INVALID_ADDRESS | 20",
            "PROXY TCP6 1.2.3.4 ::1 1 2\\r\\n| V1_INVALID_ADDRESS | 19",
            "PROXY TCP6 1:::2 ::1 1 2\\r\\n| V1_INVALID_ADDRESS | 17",
            "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\\r\\n| V1_INVALID_PORT | 33",
            "PROXY TCP4 1.2.3.4 5.6.7.8 080 2\\r\\n| V1_INVALID_PORT | 29",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1234567 2\\r\\n| V1_INVALID_PORT | 33",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 -2\\r\\n| V1_INVALID_CHARACTER | 30",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1\\r\\n| V1_WRONG_FIELD_COUNT | 29",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 \\r\\n| V1_WRONG_FIELD_COUNT | 30",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\\r\\n| V1_WRONG_FIELD_COUNT | 31",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\n| V1_INVALID_LINE_END | 31",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\rX| V1_INVALID_LINE_END | 32",
            "PROXY UNKNOWN\\n| V1_INVALID_LINE_END | 14",
            "PROXY UNKNOWN\\r\\r\\n| V1_INVALID_LINE_END | 15",
    })
    void v1RejectsAtTheFirstImpossibleByte(String input, ProxyViolation violation, int read) {
        Outcome outcome = parse(ascii(input.replace("\\r", "\r").replace("\\n", "\n")));
        assertEquals(new ProxyRejection(violation), outcome.parse());
        assertEquals(read, outcome.consumed());
    }

    @Test
    void v1LongerThan107BytesIsRejectedAtByte107() {
        String line = "PROXY UNKNOWN " + "x".repeat(200) + "\r\n";
        Outcome outcome = parse(ascii(line));
        assertEquals(new ProxyRejection(ProxyViolation.V1_TOO_LONG), outcome.parse());
        assertEquals(107, outcome.consumed());
    }

    @Test
    void anIncompleteHeaderWaits() {
        assertNull(parse(ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r")).parse());
        assertNull(parse(Arrays.copyOf(SIGNATURE, 11)).parse());
        assertNull(parse(Arrays.copyOf(v2(0x21, 0x11, INET), 27)).parse());
    }

    // --- version 2

    /** A v2 header: signature, version and command, family and transport, length, then {@code body}. */
    private static byte[] v2(int versionCommand, int familyTransport, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.put(SIGNATURE).put((byte) versionCommand).put((byte) familyTransport).putShort((short) body.length).put(body);
        return b.array();
    }

    private static byte[] tlv(int type, byte[] value) {
        return ByteBuffer.allocate(3 + value.length).put((byte) type).putShort((short) value.length).put(value).array();
    }

    private static final byte[] INET = HexFormat.of().parseHex("c0000201" + "c6336407" + "d2f4" + "01bb");

    @Test
    void v2Tcp4() {
        byte[] header = v2(0x21, 0x11, INET);
        Outcome outcome = parse(concat(header, ascii("\u0016\u0003\u0001")));
        assertEquals(header.length, outcome.consumed());
        ProxyHeader h = header(outcome);
        assertEquals(2, h.version());
        assertEquals(new InetSocketAddress("192.0.2.1", 0xd2f4), h.source());
        assertEquals(new InetSocketAddress("198.51.100.7", 443), h.destination());
    }

    @Test
    void v2Tcp6AndUdp6() {
        byte[] body = HexFormat.of().parseHex("20010db8000000000000000000000001" + "00000000000000000000000000000001"
                + "0050" + "1f90");
        for (int transport : new int[] {0x21, 0x22}) {
            ProxyHeader h = header(parse(v2(0x21, transport, body)));
            assertEquals(new InetSocketAddress("2001:db8::1", 80), h.source());
            assertEquals(new InetSocketAddress("::1", 8080), h.destination());
        }
    }

    @Test
    void v2UnixSocketPaths() {
        byte[] body = new byte[216];
        byte[] path = ascii("/run/client.sock");
        System.arraycopy(path, 0, body, 0, path.length);
        ProxyHeader h = header(parse(v2(0x21, 0x31, body)));
        assertEquals(UnixDomainSocketAddress.of("/run/client.sock"), h.source());
        assertNull(h.destination(), "an unnamed socket");
    }

    @Test
    void v2LocalAndUnspecKeepTheConnectionsAddressesAndSkipTheBlock() {
        ProxyHeader local = new ProxyHeader(2, true, null, null, List.of(), null);
        assertEquals(local, header(parse(v2(0x20, 0x00, new byte[0]))));
        byte[] health = v2(0x20, 0x11, concat(INET, new byte[] {(byte) 0xff}));
        Outcome outcome = parse(concat(health, ascii("rest")));
        assertEquals(local, outcome.parse());
        assertEquals(health.length, outcome.consumed());
        assertEquals(local, header(parse(v2(0x21, 0x00, ascii("ignored")))));
    }

    @Test
    void v2TlvsIncludingSslAndAVerifiedChecksum() {
        byte[] ssl = concat(HexFormat.of().parseHex("07" + "00000000"),
                tlv(0x21, ascii("TLSv1.3")), tlv(0x22, ascii("client.example")), tlv(0x23, ascii("TLS_AES_128_GCM_SHA256")),
                tlv(0x24, ascii("SHA256")), tlv(0x25, ascii("RSA2048")), tlv(0x29, new byte[] {1}));
        byte[] body = concat(INET, tlv(0x01, ascii("h2")), tlv(0x02, ascii("example.com")), tlv(0x04, new byte[3]),
                tlv(0x05, new byte[128]), tlv(0x20, ssl), tlv(0xEA, ascii("vpce-0123")), tlv(0x03, new byte[4]));
        byte[] header = withChecksum(v2(0x21, 0x11, body));
        ProxyHeader h = header(parse(header));
        assertEquals("h2", h.text(ProxyHeader.TYPE_ALPN));
        assertEquals("example.com", h.text(ProxyHeader.TYPE_AUTHORITY));
        assertEquals("vpce-0123", h.text(0xEA));
        assertNull(h.text(ProxyHeader.TYPE_NETNS));
        assertEquals(List.of(0x01, 0x02, 0x04, 0x05, 0x20, 0xEA, 0x03), h.tlvs().stream().map(ProxyHeader.Tlv::type).toList());
        assertEquals(new ProxyHeader.Ssl(7, 0, "TLSv1.3", "client.example", "TLS_AES_128_GCM_SHA256", "SHA256",
                "RSA2048"), h.ssl());
        assertTrue(h.ssl().clientSsl());
        assertArrayEquals(Arrays.copyOfRange(header, header.length - 4, header.length),
                h.tlvs().getLast().value(), "the checksum is kept as sent");
    }

    @Test
    void v2ChecksumThatDoesNotMatchIsRejected() {
        byte[] header = withChecksum(v2(0x21, 0x11, concat(INET, tlv(0x03, new byte[4]))));
        header[20] ^= 1; // a changed address byte
        assertEquals(new ProxyRejection(ProxyViolation.V2_CRC32C_MISMATCH), parse(header).parse());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // hex after the signature | violation | bytes read when rejected
            "11 11 000c | V2_UNSUPPORTED_VERSION | 13",
            "22 11 000c | V2_INVALID_COMMAND | 13",
            "21 41 000c | V2_INVALID_FAMILY | 14",
            "21 13 000c | V2_INVALID_FAMILY | 14",
            "21 11 000b c0000201c6336407d2f401 | V2_ADDRESSES_TRUNCATED | 16",
            "21 21 0023 | V2_ADDRESSES_TRUNCATED | 16",
            "21 31 00d7 | V2_ADDRESSES_TRUNCATED | 16",
            "21 11 0ff1 | V2_TOO_LONG | 16",
            "21 11 000e c0000201c6336407d2f401bb 0400 | V2_TLV_TRUNCATED | 30",
            "21 11 0010 c0000201c6336407d2f401bb 040002aa | V2_TLV_TRUNCATED | 32",
            "21 11 0013 c0000201c6336407d2f401bb 2000040100000000 | V2_SSL_TLV_TRUNCATED | 35",
            "21 11 0018 c0000201c6336407d2f401bb 20000901000000002100ff | V2_SSL_TLV_TRUNCATED | 40",
            "21 11 0012 c0000201c6336407d2f401bb 030003000000 | V2_INVALID_CRC32C_TLV | 34",
            "21 11 001a c0000201c6336407d2f401bb 0300040000000003000400000000 | V2_INVALID_CRC32C_TLV | 42",
    })
    void v2RejectsAtTheFirstImpossibleByte(String hex, ProxyViolation violation, int read) {
        byte[] input = concat(SIGNATURE, HexFormat.of().parseHex(hex.replace(" ", "")), new byte[64]);
        Outcome outcome = parse(input);
        assertEquals(new ProxyRejection(violation), outcome.parse());
        assertEquals(read, outcome.consumed());
    }

    @Test
    void v2UniqueIdOver128BytesIsRejected() {
        byte[] header = v2(0x21, 0x11, concat(INET, tlv(0x05, new byte[129])));
        assertEquals(new ProxyRejection(ProxyViolation.V2_UNIQUE_ID_TOO_LONG), parse(header).parse());
    }

    @Test
    void v2LengthUpToTheLimitIsAccepted() {
        byte[] body = concat(INET, tlv(0x04, new byte[ProxyHeaderParser.DEFAULT_MAX_LENGTH - 16 - 12 - 3]));
        byte[] header = v2(0x21, 0x11, body);
        assertEquals(ProxyHeaderParser.DEFAULT_MAX_LENGTH, header.length);
        assertEquals(header.length, parse(header, new int[] {header.length}).consumed());
        assertInstanceOf(ProxyHeader.class, parse(header, new int[] {header.length}).parse());
    }

    @Test
    void signatures() {
        assertEquals(ProxySignature.PARTIAL, ProxySignature.of(new byte[0], 0));
        assertEquals(ProxySignature.PARTIAL, ProxySignature.of(ascii("PROX"), 4));
        assertEquals(ProxySignature.V1, ProxySignature.of(ascii("PROXY TCP4"), 10));
        assertEquals(ProxySignature.NONE, ProxySignature.of(ascii("POST /"), 6));
        assertEquals(ProxySignature.PARTIAL, ProxySignature.of(SIGNATURE, 11));
        assertEquals(ProxySignature.V2, ProxySignature.of(SIGNATURE, 12));
        assertEquals(ProxySignature.NONE, ProxySignature.of(ascii("\r\n\r\nX"), 5));
        assertEquals(ProxySignature.NONE, ProxySignature.of(new byte[] {0x16, 3, 1}, 3), "a TLS ClientHello");
    }

    /** Writes the header's CRC32C into its last 4 bytes (a PP2_TYPE_CRC32C value, still zero when computed). */
    private static byte[] withChecksum(byte[] header) {
        ByteBuffer.wrap(header).putInt(header.length - 4, crc32c(header));
        return header;
    }

    /** CRC-32C bit by bit (reflected polynomial 0x82F63B78), independent of the JDK's table-driven one. */
    private static int crc32c(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        return ~crc;
    }

    @Test
    void theTestsChecksumIsCrc32c() {
        assertEquals(0xE3069283, crc32c(ascii("123456789")), "the standard check value");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
