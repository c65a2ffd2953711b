package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: random header lists, through one encoder and one decoder with random table sizes that change between
 * blocks, come out as they went in, the two dynamic tables stay identical, and no field writes more than
 * {@link HpackEncoder#maxEncodedLength} said. Seeded, so a failure names the seed that reproduces it.
 */
class HpackRoundTripTest {
    private static final String[] NAMES = {":method", ":path", ":status", "content-type", "cookie", "set-cookie",
        "accept-encoding", "user-agent", "x-request-id", "x-custom", "date", "content-length", "authorization",
        "www-authenticate", "etag", "via"};
    private static final String[] VALUES = {"", "GET", "/", "/index.html", "gzip, deflate", "200", "text/html",
        "Mon, 21 Oct 2013 20:13:21 GMT", "no-cache", "0"};

    @ParameterizedTest(name = "seeds from {0}")
    @ValueSource(ints = {0, 1000, 2000, 3000})
    void randomListsRoundTrip(int firstSeed) throws HpackException {
        for (int seed = firstSeed; seed < firstSeed + 250; seed++) {
            roundTrip(seed);
        }
    }

    private static void roundTrip(long seed) throws HpackException {
        Random random = new Random(seed);
        int advertised = random.nextInt(5) == 0 ? random.nextInt(64) : random.nextInt(8192);
        HpackEncoder encoder = new HpackEncoder(random.nextBoolean() ? 4096 : random.nextInt(10_000));
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        encoder.peerMaxTableSize(4096);
        int blocks = 1 + random.nextInt(12);
        for (int b = 0; b < blocks; b++) {
            if (random.nextInt(4) == 0) { // this endpoint's SETTINGS, acknowledged before the next block
                advertised = random.nextInt(3) == 0 ? random.nextInt(100) : random.nextInt(8192);
                decoder.maxTableSize(advertised);
                encoder.peerMaxTableSize(advertised);
                if (random.nextBoolean()) {
                    advertised = random.nextInt(8192);
                    decoder.maxTableSize(advertised);
                    encoder.peerMaxTableSize(advertised);
                }
            }
            List<String> sent = new ArrayList<>();
            ByteBuffer block = ByteBuffer.allocate(1 << 20);
            int fields = 1 + random.nextInt(20); // a size update rides on a field: no block is empty
            for (int f = 0; f < fields; f++) {
                String name = random.nextInt(4) == 0 ? text(random, 1 + random.nextInt(20), true)
                        : NAMES[random.nextInt(NAMES.length)];
                String value = random.nextInt(3) == 0 ? text(random, random.nextInt(random.nextInt(5) == 0 ? 3000 : 40),
                        false) : VALUES[random.nextInt(VALUES.length)];
                int before = block.position();
                int bound = encoder.maxEncodedLength(name, value);
                if (f == 0 && random.nextInt(3) == 0 && name.equals(":status")) {
                    int status = 100 + random.nextInt(900);
                    encoder.status(status, block);
                    value = Integer.toString(status);
                } else {
                    encoder.field(name, value, random.nextInt(8) == 0, block);
                }
                int written = block.position() - before;
                assertTrue(written <= bound, "seed " + seed + ": " + written + " > bound " + bound);
                sent.add(name + ": " + value);
            }
            List<String> received = Blocks.decode(decoder, block.flip());
            assertEquals(sent, received, "seed " + seed + " block " + b);
            assertEquals(entries(encoder.table()), entries(decoder.table()), "seed " + seed + " block " + b);
            assertEquals(encoder.table().size(), decoder.table().size());
        }
    }

    /** Random ISO-8859-1 text: lowercase name characters, or any octet for values. */
    private static String text(Random random, int length, boolean name) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(name ? (char) ('a' + random.nextInt(26)) : (char) random.nextInt(256));
        }
        return s.toString();
    }
}
