package io.jvicorn.jakarta.websocket;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client on the Tyrus implementation of the same API: text messages arrive as {@code "text:<message>"}, binary as
 * {@code "binary:<hex>"}, and the close as {@code "closed <code> <reason>"} after them (and in {@link #closed}).
 */
final class RecordingClient extends Endpoint implements AutoCloseable {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    Session session;

    static RecordingClient connect(URI uri) throws Exception {
        return connect(uri, ClientEndpointConfig.Builder.create().build());
    }

    static RecordingClient connect(URI uri, ClientEndpointConfig config) throws Exception {
        RecordingClient client = new RecordingClient();
        // A container per connection: a shared Tyrus client container shuts its executors down once idle, and a later
        // session on it then fails.
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        client.session = container.connectToServer(client, config, uri);
        return client;
    }

    static ClientEndpointConfig withHeaders(Map<String, List<String>> headers, List<String> subprotocols) {
        return ClientEndpointConfig.Builder.create().preferredSubprotocols(subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> h) {
                        h.putAll(headers);
                    }
                }).build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> received.add("text:" + m));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            received.add("binary:" + HexFormat.of().formatHex(bytes));
        });
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p -> {
            ByteBuffer b = p.getApplicationData();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            received.add("pong:" + HexFormat.of().formatHex(bytes));
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        received.add("closed " + closeReason.getCloseCode().getCode() + " " + closeReason.getReasonPhrase());
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        received.add("error:" + thr);
    }

    /**
     * Sends a whole text message through the async remote. Tyrus's basic remote restarts the session's idle timer after
     * the write, and when the server answers the message with a close, the close may already have shut the client's
     * executor down: the send then fails with a {@code RejectedExecutionException}. The async remote restarts the timer
     * before the write.
     */
    void sendText(String text) throws Exception {
        session.getAsyncRemote().sendText(text).get(10, TimeUnit.SECONDS);
    }

    /** Sends a whole binary message; see {@link #sendText(String)} for why through the async remote. */
    void sendBinary(ByteBuffer data) throws Exception {
        session.getAsyncRemote().sendBinary(data).get(10, TimeUnit.SECONDS);
    }

    /** @return the next message, waiting up to 10 s */
    String next() throws InterruptedException {
        String m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 10 s");
        }
        return m;
    }

    String closeCode() throws Exception {
        CloseReason r = closed.get(10, TimeUnit.SECONDS);
        return r.getCloseCode().getCode() + " " + r.getReasonPhrase();
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }
}
