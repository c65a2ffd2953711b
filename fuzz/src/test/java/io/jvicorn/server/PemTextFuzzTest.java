package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The PEM reader on arbitrary file contents, decoded as {@link PemFile#read} decodes a file.
 *
 * <p>Property: a bad file is reported with an {@link IOException} that has a message for the user (what
 * {@code --ssl-keyfile} shows at start-up), never with another exception.
 */
class PemTextFuzzTest {
    private static final Path SOURCE = Path.of("fuzz.pem");
    private static final char[] PASSWORD = "fuzz".toCharArray();

    @FuzzTest
    void readsAKeyOrSaysWhy(byte[] file) {
        List<PemFile.Block> blocks;
        try {
            blocks = PemFile.parse(new String(file, StandardCharsets.ISO_8859_1), SOURCE.toString());
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "an error message for the user");
            return;
        }
        try {
            assertNotNull(PrivateKeyReader.read(blocks, SOURCE, PASSWORD));
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "an error message for the user");
        }
    }
}
