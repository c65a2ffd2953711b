package io.jvicorn.http11.codec;

import io.jvicorn.http.HttpSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lowercase field names, interned: a name found in the table is returned as the shared instance, so common requests
 * allocate no name strings and special fields can be recognised with {@code ==}.
 */
final class HeaderNames {
    private HeaderNames() {
    }

    static final String HOST = "host";
    static final String CONTENT_LENGTH = "content-length";
    static final String TRANSFER_ENCODING = "transfer-encoding";
    static final String CONNECTION = "connection";
    static final String EXPECT = "expect";
    static final String UPGRADE = "upgrade";
    static final String TRAILER = "trailer";
    static final String TE = "te";
    static final String KEEP_ALIVE = "keep-alive";

    private static final String[] COMMON = {
            HOST, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, EXPECT, UPGRADE, TRAILER, TE, KEEP_ALIVE,
            "user-agent", "accept", "accept-encoding", "accept-language", "accept-charset", "content-type",
            "content-encoding", "content-range", "cookie", "authorization", "proxy-authorization", "cache-control",
            "pragma", "referer", "origin", "date", "via", "from", "forwarded", "max-forwards", "range", "if-range",
            "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "proxy-connection", "dnt",
            "upgrade-insecure-requests", "priority", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-real-ip", "x-request-id", "x-requested-with", "x-csrf-token",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-fetch-user", "sec-ch-ua",
            "sec-ch-ua-mobile", "sec-ch-ua-platform", "sec-gpc", "purpose",
    };

    /**
     * Fields a trailer section must not carry (RFC 9110 §6.5.1: framing, routing, connection control, request
     * modifiers, authentication, content handling); they are dropped from {@link RequestEnd#trailers()}.
     */
    private static final String[] FORBIDDEN_IN_TRAILERS = {
            CONTENT_LENGTH, TRANSFER_ENCODING, HOST, TRAILER, CONNECTION, KEEP_ALIVE, TE, UPGRADE, EXPECT,
            "proxy-connection", "content-type", "content-encoding", "content-range", "authorization",
            "proxy-authorization", "cookie", "cache-control", "max-forwards", "pragma", "range", "if-range",
            "if-match", "if-none-match", "if-modified-since", "if-unmodified-since",
    };

    private static final int MASK = 255;
    private static final String[] TABLE = new String[MASK + 1];
    private static final byte[][] TABLE_BYTES = new byte[MASK + 1][];

    static {
        for (String name : COMMON) {
            byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
            int slot = hash(b, 0, b.length) & MASK;
            while (TABLE[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            TABLE[slot] = name;
            TABLE_BYTES[slot] = b;
        }
        for (String name : FORBIDDEN_IN_TRAILERS) {
            byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
            if (lookup(b, b.length, hash(b, 0, b.length)) != name) {
                throw new IllegalStateException("forbidden trailer name not interned: " + name);
            }
        }
    }

    /** The hash {@link #lookup} expects: over the lowercased bytes. */
    static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + HttpSyntax.lower(b[i]);
        }
        return h;
    }

    /** Mixes one more (already lowercased) byte into a running hash, for callers that hash while validating. */
    static int hashStep(int h, int lowerByte) {
        return 31 * h + lowerByte;
    }

    /**
     * The interned name equal to the lowercase bytes {@code lower[0, length)}, or null when it is not a common name.
     *
     * @param hash {@link #hash} of those bytes
     */
    static @org.jspecify.annotations.Nullable String lookup(byte[] lower, int length, int hash) {
        for (int slot = hash & MASK; ; slot = (slot + 1) & MASK) {
            byte[] candidate = TABLE_BYTES[slot];
            if (candidate == null) {
                return null;
            }
            if (candidate.length == length && Arrays.equals(candidate, 0, length, lower, 0, length)) {
                return TABLE[slot];
            }
        }
    }

    /** Whether a (lowercased) field name may not appear in a trailer section. */
    static boolean forbiddenInTrailers(String lowerName) {
        // Every forbidden name is in COMMON, so an equal name is the interned instance.
        for (String name : FORBIDDEN_IN_TRAILERS) {
            if (name == lowerName) {
                return true;
            }
        }
        return false;
    }
}
