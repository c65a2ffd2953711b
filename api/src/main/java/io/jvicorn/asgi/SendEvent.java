package io.jvicorn.asgi;

/** An event the application gives to {@link Send#send(SendEvent)}. */
public sealed interface SendEvent extends Message
        permits HttpResponseStart, HttpResponseBody, HttpResponseTrailers, HttpResponsePathsend,
                WebSocketAccept, WebSocketSend, WebSocketClose, WebSocketHttpResponseStart, WebSocketHttpResponseBody,
                WebSocketPing, WebSocketPong,
                LifespanStartupComplete, LifespanStartupFailed, LifespanShutdownComplete, LifespanShutdownFailed {
}
