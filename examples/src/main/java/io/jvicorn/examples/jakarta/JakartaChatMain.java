package io.jvicorn.examples.jakarta;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.jakarta.websocket.JakartaServerContainer;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Embeds jvicorn with a Jakarta WebSocket endpoint: {@link ChatEndpoint} on {@code /chat/{room}}, and a page at
 * {@code /} to try it from a browser (http://127.0.0.1:8000/), served by the fallback application.
 */
public final class JakartaChatMain {
    private static final byte[] PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>jvicorn Jakarta chat</title></head>
            <body>
            <p>Room <input id="room" value="lobby"> name <input id="name" value="guest">
            <button id="join">Join</button></p>
            <pre id="log" style="border:1px solid #ccc;height:20em;overflow-y:auto"></pre>
            <form id="form"><input id="text" autocomplete="off"><button>Send</button></form>
            <script>
              let ws;
              const log = document.getElementById("log");
              document.getElementById("join").onclick = () => {
                if (ws) ws.close();
                const room = encodeURIComponent(document.getElementById("room").value);
                const name = encodeURIComponent(document.getElementById("name").value);
                ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host
                    + "/chat/" + room + "?name=" + name);
                ws.onmessage = (e) => { log.textContent += e.data + "\\n"; };
                ws.onclose = (e) => { log.textContent += "* disconnected (" + e.code + ")\\n"; };
              };
              document.getElementById("form").onsubmit = (e) => {
                e.preventDefault();
                const text = document.getElementById("text");
                if (ws && ws.readyState === WebSocket.OPEN && text.value) { ws.send(text.value); text.value = ""; }
              };
            </script>
            </body></html>
            """.getBytes(StandardCharsets.UTF_8);

    private JakartaChatMain() {
    }

    /**
     * The application: the chat endpoint, with the page for every HTTP request.
     *
     * @return the application to give a {@link Server}
     * @throws jakarta.websocket.DeploymentException never for this endpoint (deployment checks it)
     */
    public static Application application() throws jakarta.websocket.DeploymentException {
        JakartaServerContainer container = new JakartaServerContainer();
        container.addEndpoint(ChatEndpoint.class);
        container.setDefaultMaxSessionIdleTimeout(10 * 60 * 1000); // members silent for 10 minutes are closed
        return container.application((scope, receive, send) -> {
            if (scope instanceof WebSocketScope) {
                receive.receive(); // websocket.connect
                send.send(new WebSocketClose()); // a socket to any other path: refused (403)
                return;
            }
            if (!(scope instanceof HttpScope)) {
                throw new IllegalArgumentException("no " + scope.type() + " here"); // declines the lifespan protocol
            }
            send.send(new HttpResponseStart(200, List.of(Header.of("content-type", "text/html; charset=utf-8"),
                    Header.of("content-length", Integer.toString(PAGE.length)))));
            send.send(new HttpResponseBody(PAGE, false));
        });
    }

    /**
     * Serves the chat on http://127.0.0.1:8000 until the process is stopped.
     *
     * @param args ignored
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        try (Server server = new Server(ServerConfig.builder(application()).build())) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            server.start();
            System.out.println("Jakarta WebSocket chat on http://127.0.0.1:" + server.port() + "/");
            server.awaitTermination();
        }
    }
}
