package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpackIntegerTest {

    @ParameterizedTest(name = "{1} with a {0}-bit prefix is {2}")
    @CsvSource({
        "5, 10,         0a",           // RFC 7541 C.1.1
        "5, 1337,       1f9a0a",       // C.1.2
        "8, 42,         2a",           // C.1.3
        "5, 30,         1e",
        "5, 31,         1f00",
        "7, 127,        7f00",
        "7, 254,        7f7f",
        "7, 255,        7f8001",
        "4, 2147483647, 0ff0ffffff07",
        "7, 2147483647, 7f80ffffff07",
    })
    void encodesAndDecodes(int prefixBits, int value, String hex) throws HpackException {
        ByteBuffer out = ByteBuffer.allocate(8);
        HpackInteger.encode(0, prefixBits, value, out);
        assertEquals(hex, Blocks.hex(out.flip()));
        assertEquals(hex.length() / 2, HpackInteger.length(prefixBits, value));

        ByteBuffer in = hex(hex);
        int first = in.get() & 0xFF;
        assertEquals(value, HpackInteger.decode(first, prefixBits, in));
        assertEquals(0, in.remaining());
    }

    @ParameterizedTest
    @CsvSource({"5, 0xe0, 10", "6, 0x40, 61", "4, 0x10, 15"})
    void keepsTheFlagBitsAboveThePrefix(int prefixBits, String flagsHex, int value) throws HpackException {
        ByteBuffer out = ByteBuffer.allocate(8);
        int flags = Integer.decode(flagsHex);
        HpackInteger.encode(flags, prefixBits, value, out);
        out.flip();
        int first = out.get() & 0xFF;
        assertEquals(flags, first & ~((1 << prefixBits) - 1));
        assertEquals(value, HpackInteger.decode(first, prefixBits, out));
    }
}
