package io.jvicorn.server.websocket.conformance;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.util.List;

/** The suite's application: accepts every WebSocket and sends each message back as it came, text as text. */
final class EchoApp implements Application {
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof WebSocketScope)) {
            throw new IllegalArgumentException("the conformance echo serves WebSockets only, not " + scope.type());
        }
        ReceiveEvent first = receive.receive();
        if (!(first instanceof WebSocketConnect)) {
            throw new IllegalStateException("expected websocket.connect, got " + first.type());
        }
        send.send(new WebSocketAccept(null, List.of()));
        while (true) {
            ReceiveEvent event = receive.receive();
            if (event instanceof WebSocketReceive message) {
                try {
                    send.send(new WebSocketSend(message.bytes(), message.text()));
                } catch (ClientDisconnectedException e) {
                    return; // the client closed while its message was on its way back
                }
            } else if (event instanceof WebSocketDisconnect) {
                return;
            }
        }
    }
}
