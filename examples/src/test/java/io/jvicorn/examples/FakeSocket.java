package io.jvicorn.examples;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A server stand-in for one WebSocket: the test feeds client events in and reads what the app sent. */
final class FakeSocket {
    private final BlockingQueue<ReceiveEvent> inbox = new LinkedBlockingQueue<>();
    final List<SendEvent> sent = new CopyOnWriteArrayList<>();

    FakeSocket() {
        inbox.add(WebSocketConnect.INSTANCE);
    }

    void client(String text) {
        inbox.add(new WebSocketReceive(null, text));
    }

    void client(byte[] bytes) {
        inbox.add(new WebSocketReceive(bytes, null));
    }

    void disconnect() {
        inbox.add(new WebSocketDisconnect(1000, ""));
    }

    Receive receive() {
        return () -> {
            ReceiveEvent next = inbox.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("the test fed no event within 10 s");
            }
            return next;
        };
    }

    Send send() {
        return sent::add;
    }

    /** @return the text messages the app sent, in order */
    List<String> texts() {
        return sent.stream().filter(e -> e instanceof WebSocketSend s && s.text() != null)
                .map(e -> ((WebSocketSend) e).text()).toList();
    }

    static WebSocketScope scope(String path, List<String> subprotocols) {
        return new WebSocketScope(AsgiVersion.HTTP, "1.1", "ws", path, path.getBytes(StandardCharsets.UTF_8),
                new byte[0], "", List.of(Header.of("host", "example.test")), null, null, subprotocols,
                new HashMap<>(), java.util.Map.of());
    }
}
