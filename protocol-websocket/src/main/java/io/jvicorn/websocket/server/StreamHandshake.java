package io.jvicorn.websocket.server;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.server.UpgradeRequest;
import io.jvicorn.http11.server.UpgradeStream;
import io.jvicorn.websocket.codec.HandshakeAccepted;
import io.jvicorn.websocket.codec.HandshakeOutcome;
import io.jvicorn.websocket.codec.HandshakeRejected;
import io.jvicorn.websocket.codec.WebSocketConfig;
import io.jvicorn.websocket.codec.WebSocketHandshake;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/2 extended CONNECT's handshake (RFC 8441 §5): answers are a response head on the stream, a body as its DATA,
 * and the end of the stream; there is no key to answer and no {@code Upgrade}.
 */
final class StreamHandshake implements HandshakeWire {
    private final UpgradeRequest request;
    private final UpgradeStream stream;
    private final Transport connection;

    // Guarded by the writer's lock: the denial's head until its first body part sends it.
    private int denialStatus;
    private @Nullable List<Header> denialHeaders;

    StreamHandshake(UpgradeRequest request, UpgradeStream stream) {
        this.request = request;
        this.stream = stream;
        this.connection = request.connection();
    }

    @Override
    public HandshakeOutcome validate(WebSocketConfig config) {
        return WebSocketHandshake.validateExtendedConnect(request.head().headers(), config);
    }

    @Override
    public WireAction rejection(HandshakeRejected rejected) {
        WireAction plain = plain(rejected.status(), rejected.headers(), rejected.reason());
        return () -> {
            plain.run();
            connection.closeGracefully();
        };
    }

    @Override
    public WireAction acceptance(HandshakeAccepted handshake, WebSocketAccept accept) {
        List<Header> fields = handshake.extendedConnectFields(accept.subprotocol(), accept.headers());
        return () -> stream.respond(200, fields, false);
    }

    @Override
    public WireAction refusal(int status, String text) {
        return plain(status, List.of(), text);
    }

    private WireAction plain(int status, List<Header> headers, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<Header> fields = new ArrayList<>(headers);
        fields.add(Header.of("content-type", "text/plain; charset=utf-8"));
        fields.add(Header.of("content-length", Integer.toString(body.length)));
        return () -> {
            stream.respond(status, fields, body.length == 0);
            if (body.length > 0) {
                connection.write(ByteBuffer.wrap(body));
            }
        };
    }

    @Override
    public void startDenial(WebSocketHttpResponseStart start) {
        denialStatus = start.status();
        denialHeaders = start.headers();
    }

    @Override
    public void denialBody(WebSocketHttpResponseBody body) throws IOException {
        byte[] bytes = body.body();
        List<Header> head = denialHeaders;
        if (head != null) {
            denialHeaders = null;
            stream.respond(denialStatus, head, !body.moreBody() && bytes.length == 0);
        }
        if (bytes.length > 0) {
            connection.write(ByteBuffer.wrap(bytes));
        }
    }

    @Override
    public boolean ownsConnection() {
        return false;
    }
}
