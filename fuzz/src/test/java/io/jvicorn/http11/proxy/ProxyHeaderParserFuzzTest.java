package io.jvicorn.http11.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jvicorn.fuzz.Splits;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The PROXY protocol header parser on arbitrary bytes.
 *
 * <p>Input: a byte of options (bit 0: the v2 signature is prepended, bit 1: {@code "PROXY "}, so the fuzzer works past
 * the signature; bit 2: the smallest length limit, 232), then the bytes. Properties: {@link ProxyHeaderParser#next}
 * never throws; the result and the number of bytes read are the same whole, one byte at a time, cut in two anywhere
 * and in steered pieces; a null result read every byte; after a result nothing more is read and the same result comes
 * back; a header never reads past its own end (a v1 line ends with CRLF within 107 bytes, a v2 header is 16 bytes
 * plus its length, within the limit); {@link ProxySignature} says NONE exactly when the parser says
 * NOT_A_PROXY_HEADER.
 */
class ProxyHeaderParserFuzzTest {
    private static final byte[] V1 = {'P', 'R', 'O', 'X', 'Y', ' '};
    private static final byte[] V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    /** A result and how many bytes it took. */
    private record Outcome(ProxyParse parse, int read) {
    }

    @FuzzTest
    void parsesTheSameWhateverTheSplit(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int options = data[0];
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        byte[] input = (options & 1) != 0 ? concat(V2, body) : (options & 2) != 0 ? concat(V1, body) : body;
        int maxLength = (options & 4) != 0 ? 232 : ProxyHeaderParser.DEFAULT_MAX_LENGTH;
        Outcome expected = parse(input, Splits.whole(input.length), maxLength);
        for (int[] plan : Splits.plans(input)) {
            assertEquals(expected, parse(input, plan, maxLength), () -> "pieces ending at " + Arrays.toString(plan));
        }
        if (expected.parse() instanceof ProxyHeader header) {
            checkExtent(input, header, expected.read(), maxLength);
        }
        ProxySignature signature = ProxySignature.of(input, input.length);
        boolean notProxy = expected.parse() instanceof ProxyRejection r
                && r.violation() == ProxyViolation.NOT_A_PROXY_HEADER;
        assertEquals(signature == ProxySignature.NONE, notProxy, "signature " + signature + " vs " + expected);
    }

    private static Outcome parse(byte[] input, int[] plan, int maxLength) {
        ProxyHeaderParser parser = new ProxyHeaderParser(maxLength);
        int from = 0;
        int read = 0;
        for (int to : plan) {
            ByteBuffer in = ByteBuffer.wrap(input, from, to - from);
            ProxyParse result = parser.next(in);
            read += in.position() - from;
            assertEquals(read, parser.bytesRead(), "bytesRead");
            if (result != null) {
                int at = in.position();
                assertSame(result, parser.next(in), "the same result again");
                assertEquals(at, in.position(), "read after the result");
                assertEquals(read, parser.bytesRead(), "bytesRead after the result");
                return new Outcome(result, read);
            }
            assertEquals(to, in.position(), "null with input left");
            from = to;
        }
        assertTrue(read <= Math.max(ProxyHeaderParser.V1_MAX_LENGTH, maxLength), "read past every limit undecided");
        return new Outcome(null, read);
    }

    /** A header took exactly its own bytes. */
    private static void checkExtent(byte[] input, ProxyHeader header, int read, int maxLength) {
        if (header.version() == 1) {
            assertTrue(read <= ProxyHeaderParser.V1_MAX_LENGTH, "v1 line too long");
            assertEquals('\r', input[read - 2]);
            assertEquals('\n', input[read - 1]);
            for (int i = 0; i < read - 2; i++) {
                assertNotEquals('\n', input[i], "a LF inside the line");
            }
        } else {
            int length = (input[14] & 0xFF) << 8 | (input[15] & 0xFF);
            assertEquals(16 + length, read, "a v2 header is its length");
            assertTrue(read <= maxLength, "v2 over the limit");
            int tlvBytes = 0;
            for (ProxyHeader.Tlv tlv : header.tlvs()) {
                tlvBytes += 3 + tlv.value().length;
            }
            assertTrue(tlvBytes <= length, "TLVs beyond the header");
        }
        if (header.local()) {
            assertTrue(header.source() == null && header.destination() == null, "a local header has no addresses");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
