package io.jvicorn.asgi;

/** An event the application gets from {@link Receive#receive()}. */
public sealed interface ReceiveEvent extends Message
        permits HttpRequest, HttpDisconnect,
                WebSocketConnect, WebSocketReceive, WebSocketDisconnect, WebSocketPongReceive,
                LifespanStartup, LifespanShutdown {
}
