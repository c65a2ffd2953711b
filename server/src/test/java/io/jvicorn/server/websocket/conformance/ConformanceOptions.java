package io.jvicorn.server.websocket.conformance;

/** System properties of the suite. */
final class ConformanceOptions {
    /** {@code -Djvicorn.conformance.full=true}: messages of 8 and 16 MiB, and Autobahn's 1000 messages per setting. */
    static final String FULL = "jvicorn.conformance.full";

    private ConformanceOptions() {
    }

    static boolean full() {
        return Boolean.getBoolean(FULL);
    }
}
