package io.jvicorn.websocket.server;

/** Where a socket stands in the ASGI handshake. */
enum Phase {
    /** Waiting for the application's {@code websocket.accept}, {@code websocket.close} or denial response. */
    HANDSHAKE,
    /** The application started a denial response ({@code websocket.http.response.start}); its body follows. */
    DENYING,
    /** The 101 response was sent: frames flow. */
    OPEN,
    /** The handshake was refused (403, a denial response, a 500) or the connection ended before it completed. */
    REFUSED
}
