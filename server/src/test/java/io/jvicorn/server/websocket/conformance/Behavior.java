package io.jvicorn.server.websocket.conformance;

/** A case's grade, named as the Autobahn testsuite reports it. */
enum Behavior {
    /** What the RFC requires, done the way the suite prefers. */
    OK,
    /** Allowed by the RFC but not the preferred way, for example failing a connection before echoing a message. */
    NON_STRICT,
    /** The RFC leaves the outcome open: recorded, not judged. */
    INFORMATIONAL,
    /** The server declined an optional feature the case needs (a permessage-deflate offer it may refuse). */
    UNIMPLEMENTED,
    /** Breaks the RFC or the case's expectation. */
    FAILED;

    /** The name as Autobahn prints it. */
    String label() {
        return name().replace('_', '-');
    }
}
