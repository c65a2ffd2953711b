/**
 * jvicorn's application protocol, modelled on ASGI: {@code Application}, scopes and messages, and the HTTP syntax they
 * share with the server. No server code: a framework depends on this module alone.
 */
module io.jvicorn.api {
    requires static org.jspecify;
    exports io.jvicorn.asgi;
    exports io.jvicorn.asgi.rules;
    exports io.jvicorn.http;
    exports io.jvicorn.observe;
    exports io.jvicorn.asgi.internal to io.jvicorn.http11, io.jvicorn.http2;
}
