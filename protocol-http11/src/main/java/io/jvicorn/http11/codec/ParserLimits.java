package io.jvicorn.http11.codec;

/**
 * Size limits of the request parser.
 *
 * @param maxRequestLineBytes    longest request line, without its CRLF; longer gives 414
 * @param maxHeaderBytes         longest head (request line, fields and their CRLFs) and, counted with it, trailer
 *                               section; longer gives 431
 * @param maxHeaderCount         most header fields (and, separately, trailer fields); more gives 431
 * @param maxBodyBytes           largest body; larger gives 413; negative means unlimited
 * @param maxChunkExtensionBytes longest chunk extension on one chunk-size line; longer gives 400
 */
public record ParserLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes,
                           int maxChunkExtensionBytes) {

    /** 8 KiB request line, 16 KiB head, 100 fields, unlimited body, 4 KiB chunk extensions. */
    public static final ParserLimits DEFAULTS = new ParserLimits(8192, 16384, 100, -1, 4096);

    /** Checks that the limits are usable. */
    public ParserLimits {
        if (maxRequestLineBytes < 16) {
            throw new IllegalArgumentException("maxRequestLineBytes must be at least 16, got " + maxRequestLineBytes);
        }
        if (maxHeaderBytes < 16) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 16, got " + maxHeaderBytes);
        }
        if (maxHeaderCount < 1) {
            throw new IllegalArgumentException("maxHeaderCount must be at least 1, got " + maxHeaderCount);
        }
        if (maxChunkExtensionBytes < 0) {
            throw new IllegalArgumentException("maxChunkExtensionBytes must not be negative, got " + maxChunkExtensionBytes);
        }
    }
}
