package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HuffmanTest {

    @ParameterizedTest(name = "[{index}] '{0}'")
    @CsvSource({
        "www.example.com,               f1e3c2e5f23a6ba0ab90f4ff", // RFC 7541 C.4.1
        "no-cache,                      a8eb10649cbf",             // C.4.2
        "custom-key,                    25a849e95ba97d7f",         // C.4.3
        "custom-value,                  25a849e95bb8e8b4bf",
        "302,                           6402",                     // C.6.1
        "private,                       aec3771a4b",
        "https://www.example.com,       9d29ad171863c78f0b97c8e9ae82ae43d3",
        "gzip,                          9bd9ab",                   // C.6.3
        "'',                            ''",
    })
    void codesLikeTheRfc(String text, String coded) throws HpackException {
        ByteBuffer out = ByteBuffer.allocate(64);
        Huffman.encode(text, out);
        assertEquals(coded, Blocks.hex(out.flip()));
        assertEquals(coded.length() / 2, Huffman.encodedLength(text));
        assertEquals(text, decode(coded));
    }

    @Test
    void everyOctetRoundTrips() throws HpackException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 256; c++) {
            all.append((char) c);
            String one = String.valueOf((char) c);
            assertEquals(one, decode(encode(one)), "octet " + c);
        }
        assertEquals(all.toString(), decode(encode(all.toString())));
        assertEquals(all.reverse().toString(), decode(encode(all.toString())));
    }

    @Test
    void theLongestPaddingIsSevenBits() throws HpackException {
        // '0' is 00000 (5 bits): three of them are 15 bits, padded with one 1 bit; one of them with three.
        assertEquals("000", decode("0001"));
        assertEquals("0", decode("07"));
        // '&' is 8 bits (11111000), so a byte of it has no padding; then 7 ones are the most allowed.
        assertEquals("&", decode("f8"));
    }

    @Test
    void refusesCharactersAboveLatin1() {
        assertThrows(IllegalArgumentException.class, () -> Huffman.encodedLength("\u0100"));
    }

    @Test
    void decodingNeedsAtMostEightFifthsOfTheCodedLength() throws HpackException {
        String zeros = "0".repeat(80); // the 5-bit symbols: the densest code
        ByteBuffer coded = ByteBuffer.allocate(64);
        Huffman.encode(zeros, coded);
        coded.flip();
        assertEquals(50, coded.remaining());
        byte[] out = new byte[Huffman.maxDecodedLength(50)];
        assertEquals(80, Huffman.decode(coded, 50, out));
    }

    private static String encode(String text) {
        ByteBuffer out = ByteBuffer.allocate((int) Huffman.encodedLength(text));
        Huffman.encode(text, out);
        return Blocks.hex(out.flip());
    }

    private static String decode(String coded) throws HpackException {
        ByteBuffer in = hex(coded);
        byte[] out = new byte[Huffman.maxDecodedLength(in.remaining())];
        int n = Huffman.decode(in, in.remaining(), out);
        assertEquals(0, in.remaining());
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }
}
