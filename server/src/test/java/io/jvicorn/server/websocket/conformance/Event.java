package io.jvicorn.server.websocket.conformance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One thing the client observed, like Autobahn's event tuples: a message, a ping, a pong, or a pause that ended without
 * the server closing. Large payloads are kept as a SHA-256 digest, so that expected and received lists of big messages
 * stay small.
 */
final class Event {
    enum Kind { TEXT, BINARY, PING, PONG, TIMEOUT }

    private static final int KEPT_BYTES = 256;
    private static final HexFormat HEX = HexFormat.of();

    private final Kind kind;
    private final int length;
    private final byte[] fingerprint;
    private final String tag;

    private Event(Kind kind, byte[] payload, String tag) {
        this.kind = kind;
        this.length = payload.length;
        this.fingerprint = payload.length <= KEPT_BYTES ? payload.clone() : sha256(payload);
        this.tag = tag;
    }

    static Event text(String text) {
        return text(text.getBytes(StandardCharsets.UTF_8));
    }

    static Event text(byte[] utf8) {
        return new Event(Kind.TEXT, utf8, "");
    }

    static Event binary(byte[] bytes) {
        return new Event(Kind.BINARY, bytes, "");
    }

    static Event message(boolean binary, byte[] payload) {
        return binary ? binary(payload) : text(payload);
    }

    static Event ping(byte[] payload) {
        return new Event(Kind.PING, payload, "");
    }

    static Event pong(byte[] payload) {
        return new Event(Kind.PONG, payload, "");
    }

    static Event pong(String payload) {
        return pong(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A pause of the script that ended with the connection still open (Autobahn's {@code ("timeout", tag)}). */
    static Event timeout(String tag) {
        return new Event(Kind.TIMEOUT, new byte[0], tag);
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && kind == e.kind && length == e.length && tag.equals(e.tag)
                && Arrays.equals(fingerprint, e.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, tag, Arrays.hashCode(fingerprint));
    }

    @Override
    public String toString() {
        if (kind == Kind.TIMEOUT) {
            return "timeout " + tag;
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (length > KEPT_BYTES) {
            return name + "(" + length + " bytes, sha256 " + HEX.formatHex(fingerprint, 0, 6) + "…)";
        }
        if (length > 40) {
            return name + "(" + length + " bytes, " + HEX.formatHex(fingerprint, 0, 8) + "…)";
        }
        return name + "(" + length + " bytes, " + HEX.formatHex(fingerprint) + ")";
    }
}
