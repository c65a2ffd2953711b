package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.decode;
import static io.jvicorn.http2.hpack.Blocks.encode;
import static io.jvicorn.http2.hpack.Blocks.entries;
import static io.jvicorn.http2.hpack.Blocks.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every example of RFC 7541 Appendix C, both ways: the decoder reads the RFC's bytes into the RFC's fields and dynamic
 * table; the encoder, given the fields, writes the RFC's bytes and keeps the same table.
 */
class HpackRfcExamplesTest {

    /** One block of an example: its bytes, its fields, and the dynamic table (newest first) and size after it. */
    record Step(String hex, List<String> fields, List<String> table, long size) {
    }

    private static final List<String> C3_REQUEST_1 = List.of(":method: GET", ":scheme: http", ":path: /",
            ":authority: www.example.com");
    private static final List<String> C3_REQUEST_2 = List.of(":method: GET", ":scheme: http", ":path: /",
            ":authority: www.example.com", "cache-control: no-cache");
    private static final List<String> C3_REQUEST_3 = List.of(":method: GET", ":scheme: https", ":path: /index.html",
            ":authority: www.example.com", "custom-key: custom-value");
    private static final List<String> C3_TABLE_1 = List.of(":authority: www.example.com");
    private static final List<String> C3_TABLE_2 = List.of("cache-control: no-cache", ":authority: www.example.com");
    private static final List<String> C3_TABLE_3 = List.of("custom-key: custom-value", "cache-control: no-cache",
            ":authority: www.example.com");

    private static final List<String> C5_RESPONSE_1 = List.of(":status: 302", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com");
    private static final List<String> C5_RESPONSE_2 = List.of(":status: 307", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com");
    private static final List<String> C5_RESPONSE_3 = List.of(":status: 200", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:22 GMT", "location: https://www.example.com", "content-encoding: gzip",
            "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
    private static final List<String> C5_TABLE_1 = List.of("location: https://www.example.com",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "cache-control: private", ":status: 302");
    private static final List<String> C5_TABLE_2 = List.of(":status: 307", "location: https://www.example.com",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "cache-control: private");
    private static final List<String> C5_TABLE_3 = List.of(
            "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1", "content-encoding: gzip",
            "date: Mon, 21 Oct 2013 20:13:22 GMT");

    @Test
    void c2LiteralWithIndexing() throws HpackException {
        check(4096, false, new Step("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
                List.of("custom-key: custom-header"), List.of("custom-key: custom-header"), 55));
    }

    @Test
    void c2LiteralWithoutIndexing() throws HpackException {
        check(4096, false, new Step("040c 2f73 616d 706c 652f 7061 7468", List.of(":path: /sample/path"), List.of(), 0));
    }

    @Test
    void c2LiteralNeverIndexed() throws HpackException {
        // Blocks.encode marks "password" sensitive.
        check(4096, false, new Step("1008 7061 7373 776f 7264 0673 6563 7265 74", List.of("password: secret"),
                List.of(), 0));
    }

    @Test
    void c2Indexed() throws HpackException {
        check(4096, false, new Step("82", List.of(":method: GET"), List.of(), 0));
    }

    @Test
    void c3RequestsWithoutHuffman() throws HpackException {
        check(4096, false,
                new Step("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", C3_REQUEST_1, C3_TABLE_1, 57),
                new Step("8286 84be 5808 6e6f 2d63 6163 6865", C3_REQUEST_2, C3_TABLE_2, 110),
                new Step("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65", C3_REQUEST_3,
                        C3_TABLE_3, 164));
    }

    @Test
    void c4RequestsWithHuffman() throws HpackException {
        check(4096, true,
                new Step("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", C3_REQUEST_1, C3_TABLE_1, 57),
                new Step("8286 84be 5886 a8eb 1064 9cbf", C3_REQUEST_2, C3_TABLE_2, 110),
                new Step("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf", C3_REQUEST_3, C3_TABLE_3,
                        164));
    }

    @Test
    void c5ResponsesWithoutHuffmanAndEviction() throws HpackException {
        check(256, false,
                new Step("4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a"
                        + " 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                        C5_RESPONSE_1, C5_TABLE_1, 222),
                new Step("4803 3330 37c1 c0bf", C5_RESPONSE_2, C5_TABLE_2, 222),
                new Step("88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04"
                        + " 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745"
                        + " 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
                        C5_RESPONSE_3, C5_TABLE_3, 215));
    }

    @Test
    void c6ResponsesWithHuffmanAndEviction() throws HpackException {
        check(256, true,
                new Step("4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e"
                        + " 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3", C5_RESPONSE_1, C5_TABLE_1, 222),
                new Step("4883 640e ffc1 c0bf", C5_RESPONSE_2, C5_TABLE_2, 222),
                new Step("88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7"
                        + " 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed"
                        + " 4ee5 b106 3d50 07", C5_RESPONSE_3, C5_TABLE_3, 215));
    }

    /**
     * Runs the steps through one decoder and one encoder. The RFC's responses assume both sides agreed on a 256-byte
     * table beforehand; this encoder learns it from the peer's SETTINGS, so its first block starts with the size update
     * RFC 7541 §4.2 requires, {@code 3fe101} (256 with a 5-bit prefix), and is otherwise the RFC's.
     */
    private static void check(int tableSize, boolean huffman, Step... steps) throws HpackException {
        HpackDecoder decoder = new HpackDecoder(tableSize, Long.MAX_VALUE);
        HpackEncoder encoder = new HpackEncoder(HpackEncoder.DEFAULT_TABLE_SIZE, huffman);
        encoder.peerMaxTableSize(tableSize);
        String sizeUpdate = tableSize == 256 ? "3fe101" : "";
        for (Step step : steps) {
            ByteBuffer block = hex(step.hex);
            assertEquals(step.fields, decode(decoder, block));
            assertEquals(0, block.remaining(), "consumed the whole block");
            assertEquals(step.table, entries(decoder.table()));
            assertEquals(step.size, decoder.table().size());

            assertEquals(sizeUpdate + step.hex.replace(" ", ""), encode(encoder, step.fields));
            assertEquals(step.table, entries(encoder.table()));
            assertEquals(step.size, encoder.table().size());
            sizeUpdate = "";
        }
    }
}
