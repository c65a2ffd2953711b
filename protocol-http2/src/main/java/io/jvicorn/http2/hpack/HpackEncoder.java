package io.jvicorn.http2.hpack;

import java.nio.ByteBuffer;

/**
 * Encodes header blocks (RFC 7541 §6). One instance per connection, used by one thread at a time (blocks must be
 * encoded in the order they are sent, since the dynamic table is shared with the peer's decoder).
 *
 * <p>CONTRACT (to be implemented on branch h2-hpack; the frame layer codes against these signatures).
 */
public final class HpackEncoder {

    /** An encoder with the RFC's initial table size, 4096. */
    public HpackEncoder() {
        throw new UnsupportedOperationException("HPACK: branch h2-hpack");
    }

    /**
     * The peer's SETTINGS_HEADER_TABLE_SIZE changed: the next block starts with the size update(s) RFC 7541 §4.2
     * requires.
     */
    public void peerMaxTableSize(int size) {
        throw new UnsupportedOperationException("HPACK: branch h2-hpack");
    }

    /** Encodes {@code :status} (static-table indexed for the common codes). */
    public void status(int status, ByteBuffer out) {
        throw new UnsupportedOperationException("HPACK: branch h2-hpack");
    }

    /**
     * Encodes one field; the name is lowercase already. {@code sensitive} fields (authorization, cookies, set-cookie)
     * are never indexed.
     *
     * @param out receives the bytes; the caller sizes it with {@link #maxEncodedLength(String, String)}
     */
    public void field(String name, String value, boolean sensitive, ByteBuffer out) {
        throw new UnsupportedOperationException("HPACK: branch h2-hpack");
    }

    /** An upper bound on the bytes {@link #field} writes for this field (including a pending table size update). */
    public int maxEncodedLength(String name, String value) {
        throw new UnsupportedOperationException("HPACK: branch h2-hpack");
    }
}
