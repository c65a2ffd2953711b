package io.jvicorn.server.websocket;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An echo application that records what it sees: the scope, every received event, and how it ended. It accepts with
 * the last subprotocol the client offered.
 */
final class EchoRecorder implements Application {
    final CompletableFuture<WebSocketScope> scope = new CompletableFuture<>();
    final BlockingQueue<ReceiveEvent> events = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> returned = new CompletableFuture<>();
    private final boolean echo;

    /** An echoing recorder. */
    EchoRecorder() {
        this(true);
    }

    /** @param echo whether to send each message back, or only record it */
    EchoRecorder(boolean echo) {
        this.echo = echo;
    }

    @Override
    public void call(Scope s, io.jvicorn.asgi.Receive receive, io.jvicorn.asgi.Send send) throws Exception {
        WebSocketScope ws = (WebSocketScope) s;
        scope.complete(ws);
        try {
            if (!(receive.receive() instanceof WebSocketConnect)) {
                throw new AssertionError("first event must be websocket.connect");
            }
            List<String> offered = ws.subprotocols();
            send.send(new WebSocketAccept(offered.isEmpty() ? null : offered.get(offered.size() - 1), List.of()));
            while (true) {
                ReceiveEvent event = receive.receive();
                events.add(event);
                if (event instanceof WebSocketReceive message && echo) {
                    send.send(new WebSocketSend(message.bytes(), message.text()));
                } else if (event instanceof WebSocketDisconnect) {
                    return;
                }
            }
        } finally {
            returned.complete(null);
        }
    }

    /** The next recorded event, waiting up to 10 s. */
    ReceiveEvent next() throws InterruptedException {
        ReceiveEvent event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("the application received nothing within 10 s");
        }
        return event;
    }

    /** Skips messages up to the disconnect, waiting up to 10 s for each. */
    WebSocketDisconnect disconnect() throws InterruptedException {
        while (true) {
            if (next() instanceof WebSocketDisconnect d) {
                return d;
            }
        }
    }
}
