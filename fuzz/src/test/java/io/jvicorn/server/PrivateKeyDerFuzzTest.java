package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The private key decoding behind the PEM armour: the fuzzer's bytes become the DER of a well-formed PEM block, so
 * mutations go to the DER walking and key wrapping (PKCS#1 and SEC1 into PKCS#8) instead of being spent on base64.
 *
 * <p>The first input byte picks the block's label (and, for SEC1, whether OpenSSL's {@code EC PARAMETERS} block comes
 * before it); the rest is the DER. Properties: the PEM armour written the standard way reads back to the same blocks;
 * a bad key is reported with an {@link IOException} that has a message, never with another exception.
 */
class PrivateKeyDerFuzzTest {
    private static final Path SOURCE = Path.of("fuzz.pem");
    private static final char[] PASSWORD = "fuzz".toCharArray();
    private static final List<String> LABELS = List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY", "CERTIFICATE");
    /** The OID of prime256v1, as {@code openssl ecparam} writes it. */
    private static final byte[] P256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};

    @FuzzTest
    void readsAKeyOrSaysWhy(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String label = LABELS.get((input[0] & 0x7F) % LABELS.size());
        boolean ecParameters = input[0] < 0;
        byte[] der = Arrays.copyOfRange(input, 1, input.length);
        String text = (ecParameters ? armour("EC PARAMETERS", P256) : "") + armour(label, der);

        List<PemFile.Block> blocks;
        try {
            blocks = PemFile.parse(text, SOURCE.toString());
        } catch (IOException e) {
            throw new AssertionError("standard PEM armour rejected: " + e.getMessage(), e);
        }
        PemFile.Block key = blocks.get(blocks.size() - 1);
        assertEquals(ecParameters ? 2 : 1, blocks.size(), "blocks read back");
        assertEquals(label, key.label());
        assertArrayEquals(der, key.der(), "DER read back");
        try {
            assertNotNull(PrivateKeyReader.read(blocks, SOURCE, PASSWORD));
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "an error message for the user");
        }
    }

    /** A PEM block as OpenSSL writes it: base64 in 64-character lines. */
    private static String armour(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + (body.isEmpty() ? "" : "\n") + "-----END " + label + "-----\n";
    }
}
