package io.jvicorn.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The HPACK decoder on arbitrary blocks of one connection, then the encoder on what it decoded.
 *
 * <p>Input: a byte choosing the dynamic table size and the header list limit, then blocks, each a length byte and that
 * many bytes. Properties: {@link HpackDecoder#decode} returns or throws {@link HpackException}, nothing else; the same
 * in heap and direct buffers; the fields it delivers stay within the list limit, its dynamic table within its maximum,
 * its scratch buffer within what the longest string needs; after a too-large list it stays in step (the next block
 * decodes as in a decoder that never had a limit). Whatever it decoded, an encoder re-encodes within
 * {@link HpackEncoder#maxEncodedLength} and a second decoder reads back the same fields.
 */
class HpackDecoderFuzzTest {
    private static final int[] TABLE_SIZES = {0, 64, 256, 4096};
    private static final long[] LIST_LIMITS = {64, 1024, 16 * 1024, Long.MAX_VALUE};
    private static final Field SCRATCH;

    static {
        try {
            // The scratch buffer is private; reading its size is the only way to check the memory bound.
            SCRATCH = HpackDecoder.class.getDeclaredField("scratch");
            SCRATCH.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void decodesOrSaysWhy(byte[] input) throws ReflectiveOperationException {
        if (input.length == 0) {
            return;
        }
        int tableSize = TABLE_SIZES[input[0] & 3];
        long listLimit = LIST_LIMITS[(input[0] >>> 2) & 3];
        List<byte[]> blocks = new ArrayList<>();
        for (int at = 1; at < input.length; ) {
            int length = Math.min(input[at] & 0xFF, input.length - at - 1);
            byte[] block = new byte[length];
            System.arraycopy(input, at + 1, block, 0, length);
            blocks.add(block);
            at += 1 + length;
        }
        assertEquals(decodeAll(blocks, tableSize, listLimit, false), decodeAll(blocks, tableSize, listLimit, true),
                "direct buffers");
    }

    /** One outcome per block: its fields, or the violation that ended it. */
    private static List<String> decodeAll(List<byte[]> blocks, int tableSize, long listLimit, boolean direct)
            throws ReflectiveOperationException {
        HpackDecoder decoder = new HpackDecoder(tableSize, listLimit);
        HpackDecoder unlimited = new HpackDecoder(tableSize, Long.MAX_VALUE);
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder reader = new HpackDecoder(4096, Long.MAX_VALUE);
        List<String> outcomes = new ArrayList<>();
        int longestString = 0;
        for (byte[] bytes : blocks) {
            longestString = Math.max(longestString, bytes.length);
            ByteBuffer block = direct ? ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()
                    : ByteBuffer.wrap(bytes);
            List<String[]> fields = new ArrayList<>();
            long[] delivered = {0};
            try {
                decoder.decode(block, (name, value) -> {
                    fields.add(new String[] {name, value});
                    delivered[0] += name.length() + value.length() + 32;
                });
            } catch (HpackException e) {
                outcomes.add(e.violation().name());
                assertTrue(delivered[0] <= listLimit, "delivered past the list limit");
                if (!e.headerListTooLarge()) {
                    try {
                        unlimited.decode(ByteBuffer.wrap(bytes), (name, value) -> { });
                        throw new AssertionError("only the limited decoder failed: " + e.getMessage());
                    } catch (HpackException same) {
                        assertEquals(e.violation(), same.violation(), "the limit changed the violation");
                    }
                    return outcomes; // a COMPRESSION_ERROR ends the connection
                }
                assertEquals(0, block.remaining(), "a too-large list is decoded to its end");
                try {
                    unlimited.decode(ByteBuffer.wrap(bytes), (name, value) -> { });
                } catch (HpackException other) {
                    throw new AssertionError("only the limited decoder failed: " + other.getMessage());
                }
                checkTables(decoder, unlimited);
                continue;
            } finally {
                assertTrue(decoder.table().size() <= decoder.table().maxSize(), "table over its maximum");
                int scratch = ((byte[]) SCRATCH.get(decoder)).length;
                assertTrue(scratch <= Math.max(64, 2 * Huffman.maxDecodedLength(longestString)),
                        "scratch of " + scratch + " for strings of at most " + longestString + " bytes");
            }
            assertEquals(0, block.remaining(), "a decoded block is consumed");
            try {
                unlimited.decode(ByteBuffer.wrap(bytes), (name, value) -> { });
            } catch (HpackException e) {
                throw new AssertionError("only the unlimited decoder failed: " + e.getMessage());
            }
            checkTables(decoder, unlimited);
            outcomes.add(reencode(fields, encoder, reader));
        }
        return outcomes;
    }

    private static void checkTables(HpackDecoder a, HpackDecoder b) {
        assertEquals(a.table().length(), b.table().length(), "tables out of step");
        assertEquals(a.table().size(), b.table().size(), "tables out of step");
    }

    /** The fields through an encoder and back; returns them as text. */
    private static String reencode(List<String[]> fields, HpackEncoder encoder, HpackDecoder reader) {
        if (fields.isEmpty()) {
            return "";
        }
        int bound = 0;
        for (String[] f : fields) {
            bound += encoder.maxEncodedLength(f[0], f[1]);
        }
        ByteBuffer out = ByteBuffer.allocate(bound);
        StringBuilder sent = new StringBuilder();
        for (String[] f : fields) {
            int before = out.position();
            encoder.field(f[0], f[1], f[0].equals("authorization"), out);
            assertTrue(out.position() - before <= encoder.maxEncodedLength(f[0], f[1]), "past maxEncodedLength");
            sent.append(f[0]).append(": ").append(f[1]).append('\n');
        }
        StringBuilder read = new StringBuilder();
        try {
            reader.decode(out.flip(), (name, value) -> read.append(name).append(": ").append(value).append('\n'));
        } catch (HpackException e) {
            throw new AssertionError("re-encoded block rejected: " + e.getMessage());
        }
        assertEquals(sent.toString(), read.toString(), "re-encoded fields");
        return sent.toString();
    }
}
