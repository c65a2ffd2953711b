package io.jvicorn.asgi;

/** RFC 6455 §7.4 close codes: which an endpoint may put on the wire. */
public final class CloseCodes {
    private CloseCodes() {
    }

    /**
     * Whether a close frame may carry this code (1004-1006 and 1015 are reserved for reporting, never sent).
     *
     * @param code the close code
     * @return true if sendable
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
