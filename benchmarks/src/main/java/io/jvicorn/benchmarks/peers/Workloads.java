package io.jvicorn.benchmarks.peers;

import java.nio.charset.StandardCharsets;

/**
 * The bytes every server in the comparison serves, so that all of them do the same work. benchmarks/run checks each
 * server's answers against these, and the uvicorn app and the nginx config produce the same bytes.
 */
public final class Workloads {
    /** {@code GET /plaintext}: 13 bytes of text/plain. */
    public static final String PLAINTEXT_PATH = "/plaintext";
    /** {@code GET /json}: a small JSON object. */
    public static final String JSON_PATH = "/json";
    /** {@code GET /10k}: a 10 KiB application/octet-stream body. */
    public static final String BODY_10K_PATH = "/10k";
    /** {@code GET /1m}: a 1 MiB application/octet-stream body. */
    public static final String BODY_1M_PATH = "/1m";
    /** {@code POST /echo}: the request body comes back as application/octet-stream. */
    public static final String ECHO_PATH = "/echo";
    /** TechEmpower's single query: one random row of the World table as JSON ({@code io.jvicorn.benchmarks.db}). */
    public static final String DB_PATH = "/db";
    /** TechEmpower's fortunes: the Fortune table as an escaped HTML page ({@code io.jvicorn.benchmarks.db}). */
    public static final String FORTUNES_PATH = "/fortunes";
    /** WebSocket echo: every text or binary message comes back unchanged. */
    public static final String WEBSOCKET_PATH = "/ws";

    /** The plaintext body. */
    public static final byte[] PLAINTEXT = "Hello, world!".getBytes(StandardCharsets.US_ASCII);
    /** The JSON body. */
    public static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);
    /** The 10 KiB body. */
    public static final byte[] BODY_10K = pattern(10 * 1024);
    /** The 1 MiB body. */
    public static final byte[] BODY_1M = pattern(1024 * 1024);

    /** Content type of {@link #PLAINTEXT}. */
    public static final String TEXT_PLAIN = "text/plain";
    /** Content type of {@link #JSON}. */
    public static final String APPLICATION_JSON = "application/json";
    /** Content type of the sized bodies and the echo. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private Workloads() {
    }

    /**
     * The sized bodies' content: byte {@code i} is {@code 'a' + i % 26}, easy to produce identically in any language.
     *
     * @param length the number of bytes
     * @return a new array
     */
    public static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
