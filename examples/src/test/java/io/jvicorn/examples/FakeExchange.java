package io.jvicorn.examples;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.SendEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/** A server stand-in: hands out queued events (then {@code http.disconnect}) and records what the app sends. */
final class FakeExchange {
    private final Queue<ReceiveEvent> inbox;
    final List<SendEvent> sent = new ArrayList<>();
    int receives;

    FakeExchange(ReceiveEvent... events) {
        this.inbox = new ArrayDeque<>(List.of(events));
    }

    Receive receive() {
        return () -> {
            receives++;
            ReceiveEvent next = inbox.poll();
            return next != null ? next : HttpDisconnect.INSTANCE;
        };
    }

    Send send() {
        return sent::add;
    }

    HttpResponseStart start() {
        return (HttpResponseStart) sent.get(0);
    }

    String body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SendEvent event : sent.subList(1, sent.size())) {
            out.writeBytes(((HttpResponseBody) event).body());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static HttpScope http(String method, String path, String query, List<Header> headers) {
        Map<String, Object> noState = new HashMap<>();
        return new HttpScope(AsgiVersion.HTTP, "1.1", method, "http", path,
                path.getBytes(StandardCharsets.UTF_8), query.getBytes(StandardCharsets.ISO_8859_1), "", headers,
                null, null, noState, Map.of());
    }

    static HttpScope get(String path) {
        return http("GET", path, "", List.of(Header.of("host", "example.test")));
    }
}
