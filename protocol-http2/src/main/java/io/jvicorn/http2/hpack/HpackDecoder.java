package io.jvicorn.http2.hpack;

import java.nio.ByteBuffer;

/**
 * Decodes header blocks (RFC 7541 §3), keeping the dynamic table between blocks of one connection. One instance per
 * connection, used by one thread at a time.
 *
 * <p>CONTRACT (to be implemented on branch h2-hpack; the frame layer codes against these signatures).
 */
public final class HpackDecoder {

    /**
     * @param maxTableSize      the SETTINGS_HEADER_TABLE_SIZE this endpoint advertises (4096 by default); a size update
     *                          above it is a COMPRESSION_ERROR
     * @param maxHeaderListSize the SETTINGS_MAX_HEADER_LIST_SIZE this endpoint enforces, counted as RFC 9113 §6.5.2
     *                          does (name + value + 32 per field); past it the decoder keeps decoding to stay in step
     *                          with the peer's table, drops the fields, and throws with {@code headerListTooLarge}
     */
    public HpackDecoder(int maxTableSize, long maxHeaderListSize) {
        throw new UnsupportedOperationException("HPACK: branch h2-hpack");
    }

    /**
     * Decodes one complete header block (the concatenated fragments of HEADERS/PUSH_PROMISE and CONTINUATION frames).
     *
     * @param block the block, read from its position to its limit; consumed entirely on success
     * @param sink  receives each field in order
     * @throws HpackException on any decoding error (COMPRESSION_ERROR) or when the header list is too large
     */
    public void decode(ByteBuffer block, HeaderSink sink) throws HpackException {
        throw new UnsupportedOperationException("HPACK: branch h2-hpack");
    }
}
