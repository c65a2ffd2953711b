package io.jvicorn.spring.webflux;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import java.io.IOException;
import java.util.List;

/**
 * Where a WebFlux response goes: an {@code http} scope's response, or the denial response of a WebSocket handshake
 * that the application did not upgrade ({@code websocket.http.response.*}: a 404, a 403 from a filter...). Called
 * on the application thread only.
 */
interface ResponseChannel {

    /** Sends the status and headers. */
    void start(int status, List<Header> headers) throws IOException, InterruptedException;

    /** Sends a body part; {@code more} false ends the response. */
    void body(byte[] bytes, boolean more) throws IOException, InterruptedException;

    /** A streamed body begins: from now on a client that leaves should cancel the handler at once. */
    void streaming();

    /** An {@code http} scope's response. */
    record Http(Send send, RequestReader reader) implements ResponseChannel {
        @Override
        public void start(int status, List<Header> headers) throws IOException, InterruptedException {
            send.send(new HttpResponseStart(status, headers));
        }

        @Override
        public void body(byte[] bytes, boolean more) throws IOException, InterruptedException {
            if (!more) {
                reader.responseDone();
            }
            send.send(new HttpResponseBody(bytes, more));
        }

        @Override
        public void streaming() {
            reader.watchForDisconnect();
        }
    }

    /** A refused WebSocket handshake's response (ASGI's denial-response extension). */
    record Denial(Send send) implements ResponseChannel {
        @Override
        public void start(int status, List<Header> headers) throws IOException, InterruptedException {
            send.send(new WebSocketHttpResponseStart(status, headers));
        }

        @Override
        public void body(byte[] bytes, boolean more) throws IOException, InterruptedException {
            send.send(new WebSocketHttpResponseBody(bytes, more));
        }

        @Override
        public void streaming() {
            // the handshake's client waits for the whole refusal; nothing to watch
        }
    }
}
