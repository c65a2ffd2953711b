package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.ReceiveEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small applications for server tests. */
final class Apps {
    private Apps() {
    }

    /** Answers "hello" with a content-length; refuses lifespan (so "auto" treats it as unsupported). */
    static Application hello() {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope)) {
                throw new IllegalArgumentException("unsupported scope " + scope.type());
            }
            send.send(new HttpResponseStart(200, List.of(Header.of("content-type", "text/plain"), Header.of("content-length", "5"))));
            send.send(new HttpResponseBody("hello".getBytes(StandardCharsets.US_ASCII)));
        };
    }

    /** Reads the whole body, then answers it back with a content-length. */
    static Application echo() {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope)) {
                throw new IllegalArgumentException("unsupported scope " + scope.type());
            }
            byte[] body = readBody(receive);
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
            send.send(new HttpResponseBody(body));
        };
    }

    static byte[] readBody(io.jvicorn.asgi.Receive receive) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            ReceiveEvent event = receive.receive();
            if (!(event instanceof HttpRequest request)) {
                throw new IllegalStateException("unexpected " + event.type());
            }
            all.write(request.body());
            if (!request.moreBody()) {
                return all.toByteArray();
            }
        }
    }
}
