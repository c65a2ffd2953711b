/**
 * jvicorn's application protocol, modelled on ASGI: {@code Application}, scopes and messages. No server code: a
 * framework depends on this module alone.
 */
module io.jvicorn.api {
    requires static org.jspecify;
    exports io.jvicorn.asgi;
}
