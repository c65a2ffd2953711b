package io.jvicorn.asgi;

/** The one rule for ping and pong payloads: a control frame carries at most 125 bytes (RFC 6455 §5.5). */
final class ControlPayloads {
    static final int MAX = 125;

    private ControlPayloads() {
    }

    static void require(byte[] payload, String frame) {
        if (payload.length > MAX) {
            throw new IllegalArgumentException("a " + frame + " carries at most " + MAX + " bytes, not "
                    + payload.length);
        }
    }
}
