package io.jvicorn.examples;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broadcast chat: {@code GET /} serves a page with a small chat UI, which connects to the WebSocket at {@code /ws};
 * every text message a member sends goes to every member, prefixed with the sender's name ({@code guest-1},
 * {@code guest-2}...). Joins and departures are announced. A member too slow to keep up is closed with 1008 rather than
 * slowing down the others (see {@link ChatRoom}).
 */
public final class ChatApp implements Application {
    private static final byte[] PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>jvicorn chat</title>
            <style>
              body { font-family: sans-serif; max-width: 40em; margin: 2em auto; }
              #log { border: 1px solid #ccc; height: 20em; overflow-y: auto; padding: .5em; white-space: pre-wrap; }
              form { display: flex; gap: .5em; margin-top: .5em; } #text { flex: 1; }
            </style></head>
            <body>
            <h1>jvicorn chat</h1>
            <div id="log"></div>
            <form id="form"><input id="text" autocomplete="off" autofocus><button>Send</button></form>
            <script>
              const log = document.getElementById("log");
              const text = document.getElementById("text");
              function show(line) {
                log.textContent += line + "\\n";
                log.scrollTop = log.scrollHeight;
              }
              const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
              ws.onmessage = (e) => show(e.data);
              ws.onclose = (e) => show("* disconnected (" + e.code + (e.reason ? " " + e.reason : "") + ")");
              document.getElementById("form").onsubmit = (e) => {
                e.preventDefault();
                if (text.value && ws.readyState === WebSocket.OPEN) {
                  ws.send(text.value);
                  text.value = "";
                }
              };
            </script>
            </body>
            </html>
            """.getBytes(StandardCharsets.UTF_8);
    private static final HttpResponseStart PAGE_START = new HttpResponseStart(200, List.of(
            Header.of("content-type", "text/html; charset=utf-8"),
            Header.of("content-length", Integer.toString(PAGE.length))));
    private static final byte[] NOT_FOUND = "Not Found".getBytes(StandardCharsets.US_ASCII);

    private final ChatRoom room = new ChatRoom();
    private final AtomicInteger guests = new AtomicInteger();

    /** Creates an empty chat room. */
    public ChatApp() {
    }

    /**
     * Serves the page, or runs one member's socket.
     *
     * @throws IllegalArgumentException for lifespan scopes
     */
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case HttpScope http -> page(http, send);
            case WebSocketScope ws -> chat(ws, receive, send);
            default -> throw UnsupportedScopes.reject(ChatApp.class, scope);
        }
    }

    /** @return how many sockets are in the room now */
    public int members() {
        return room.size();
    }

    private static void page(HttpScope http, Send send) throws Exception {
        if (http.path().equals("/") && (http.method().equals("GET") || http.method().equals("HEAD"))) {
            send.send(PAGE_START);
            send.send(new HttpResponseBody(PAGE, false));
            return;
        }
        send.send(new HttpResponseStart(404, List.of(Header.of("content-type", "text/plain"))));
        send.send(new HttpResponseBody(NOT_FOUND, false));
    }

    private void chat(WebSocketScope scope, Receive receive, Send send) throws Exception {
        receive.receive(); // websocket.connect
        if (!scope.path().equals("/ws")) {
            send.send(new WebSocketClose()); // before accept: the handshake fails with 403
            return;
        }
        send.send(new WebSocketAccept());
        String name = "guest-" + guests.incrementAndGet();
        ChatRoom.Member member = room.join(send);
        room.broadcast("* " + name + " joined");
        try {
            while (true) {
                ReceiveEvent event = receive.receive();
                if (!(event instanceof WebSocketReceive message)) {
                    return; // websocket.disconnect
                }
                if (message.text() != null) {
                    room.broadcast(name + ": " + message.text());
                }
            }
        } finally {
            room.leave(member);
            room.broadcast("* " + name + " left");
        }
    }
}
