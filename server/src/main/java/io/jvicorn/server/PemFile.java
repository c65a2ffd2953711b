package io.jvicorn.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks of a PEM file (RFC 7468, plus the {@code Proc-Type}/{@code DEK-Info} headers of OpenSSL's legacy
 * encrypted keys). Text outside blocks is ignored, as OpenSSL does, so "bag attributes" and comments are allowed.
 */
final class PemFile {
    /**
     * One block.
     *
     * @param label   the word(s) after {@code BEGIN}, for example {@code CERTIFICATE} or {@code PRIVATE KEY}
     * @param headers the RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED}), usually none
     * @param der     the decoded bytes
     */
    record Block(String label, Map<String, String> headers, byte[] der) {
        boolean isEncryptedLegacyKey() {
            return headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
        }
    }

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemFile() {
    }

    /**
     * Reads every block of a file.
     *
     * @param path the file
     * @return its blocks in order
     * @throws IOException if the file cannot be read or a block is malformed (the message names the file and line)
     */
    static List<Block> read(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return parse(text, path.toString());
    }

    /**
     * Parses PEM text.
     *
     * @param text   the text
     * @param source what to call it in messages
     * @return its blocks in order
     * @throws IOException if a block is unterminated or its base64 is invalid
     */
    static List<Block> parse(String text, String source) throws IOException {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES)) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            String end = END + label + DASHES;
            int start = i + 1;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder base64 = new StringBuilder();
            int j = start;
            for (; j < lines.length; j++) {
                String body = lines[j].strip();
                if (body.equals(end)) {
                    break;
                }
                int colon = body.indexOf(':');
                if (colon > 0 && base64.isEmpty()) {
                    headers.put(body.substring(0, colon).strip(), body.substring(colon + 1).strip());
                } else {
                    base64.append(body);
                }
            }
            if (j == lines.length) {
                throw new IOException(source + ": '" + line + "' on line " + (i + 1) + " has no '" + end + "'");
            }
            try {
                blocks.add(new Block(label, headers, Base64.getDecoder().decode(base64.toString())));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": the " + label + " block on line " + (i + 1) + " is not valid base64: "
                        + e.getMessage(), e);
            }
            i = j;
        }
        return blocks;
    }
}
