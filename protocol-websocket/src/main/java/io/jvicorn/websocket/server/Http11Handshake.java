package io.jvicorn.websocket.server;

import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.http11.codec.OutputBuffer;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.ResponseEncoder;
import io.jvicorn.http11.codec.ServerResponses;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http11.server.UpgradeRequest;
import io.jvicorn.websocket.codec.HandshakeAccepted;
import io.jvicorn.websocket.codec.HandshakeOutcome;
import io.jvicorn.websocket.codec.HandshakeRejected;
import io.jvicorn.websocket.codec.WebSocketConfig;
import io.jvicorn.websocket.codec.WebSocketHandshake;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** An HTTP/1.1 upgrade's handshake (RFC 6455 §4): every answer is bytes written on the connection. */
final class Http11Handshake implements HandshakeWire {
    private final UpgradeRequest request;
    private final HttpSettings http;

    // Guarded by the writer's lock.
    private @Nullable ResponseEncoder denial;
    private final OutputBuffer denialOut = new OutputBuffer();

    Http11Handshake(UpgradeRequest request) {
        this.request = request;
        this.http = request.settings();
    }

    @Override
    public HandshakeOutcome validate(WebSocketConfig config) {
        RequestHead head = request.head();
        return WebSocketHandshake.validate(head.method(), head.version().text(), head.headers(), config);
    }

    @Override
    public WireAction rejection(HandshakeRejected rejected) {
        byte[] response = rejected.encodeResponse(DefaultHeaderLines.forResponse(http.defaults(), rejected.headers()));
        return () -> request.connection().write(ByteBuffer.wrap(response));
    }

    @Override
    public WireAction acceptance(HandshakeAccepted handshake, WebSocketAccept accept) {
        byte[] response = handshake.encodeResponse(accept.subprotocol(), accept.headers(),
                DefaultHeaderLines.forResponse(http.defaults(), accept.headers()));
        return () -> request.connection().write(ByteBuffer.wrap(response));
    }

    @Override
    public WireAction refusal(int status, String text) {
        byte[] response = ServerResponses.plainResponse(status, text, http.defaults());
        return () -> request.connection().write(ByteBuffer.wrap(response));
    }

    @Override
    public void startDenial(WebSocketHttpResponseStart start) {
        ResponseEncoder encoder = new ResponseEncoder(http.defaults());
        encoder.begin(request.head());
        encoder.closeAfterResponse();
        encoder.start(start.status(), start.headers(), false, denialOut);
        denial = encoder;
    }

    @Override
    public void denialBody(WebSocketHttpResponseBody body) throws IOException {
        Objects.requireNonNull(denial, "startDenial first").body(body.body(), body.moreBody(), denialOut);
        try {
            request.connection().write(denialOut.buffers());
        } finally {
            denialOut.clear();
        }
    }

    @Override
    public boolean ownsConnection() {
        return true;
    }
}
