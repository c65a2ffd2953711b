package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One connection's {@link Session}. Thread-safe as the specification requires: its settings are volatile, its handlers
 * and user properties are concurrent, and sends go through jvicorn's {@code send}, which serialises frames. Messages
 * are read and handlers called on the connection's own virtual thread ({@link EndpointConnection}).
 */
final class JakartaSession implements Session {
    private final String id;
    private final JakartaServerContainer container;
    private final Deployment deployment;
    private final HandshakeView handshake;
    private final @Nullable String subprotocol;
    private final List<Extension> extensions;
    private final Outbound outbound;
    final Decoders decoders;
    final Encoders encoders;
    final MessageHandlers handlers;
    private final Map<String, Object> userProperties = Collections.synchronizedMap(new HashMap<>());
    private final BasicRemote basic;
    private final AsyncRemote async;

    private volatile long maxIdleTimeout;
    private volatile int maxTextMessageBufferSize;
    private volatile int maxBinaryMessageBufferSize;
    /** The close frame is sent (by this side) or the connection ended; set once. */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** When the last message was received or sent, for the idle timeout ({@link System#nanoTime}). */
    private volatile long lastActivity = System.nanoTime();
    /** The idle timer's pending check, replaced when the timeout changes. */
    private final AtomicReference<@Nullable ScheduledFuture<?>> idleCheck = new AtomicReference<>();

    JakartaSession(String id, JakartaServerContainer container, Deployment deployment, ServerEndpointConfig config,
                   HandshakeView handshake, @Nullable String subprotocol, List<Extension> extensions, Outbound outbound,
                   Decoders decoders, Encoders encoders) {
        this.id = id;
        this.container = container;
        this.deployment = deployment;
        this.handshake = handshake;
        this.subprotocol = subprotocol;
        this.extensions = List.copyOf(extensions);
        this.outbound = outbound;
        this.decoders = decoders;
        this.encoders = encoders;
        this.handlers = new MessageHandlers(deployment.decoders);
        this.maxIdleTimeout = container.getDefaultMaxSessionIdleTimeout();
        this.maxTextMessageBufferSize = container.getDefaultMaxTextMessageBufferSize();
        this.maxBinaryMessageBufferSize = container.getDefaultMaxBinaryMessageBufferSize();
        this.userProperties.putAll(config.getUserProperties());
        this.basic = new BasicRemote(this, outbound);
        this.async = new AsyncRemote(this, basic, container.getDefaultAsyncSendTimeout());
    }

    // ------------------------------------------------------------------ used by the connection and the remotes

    /** A message went in or out: the idle clock restarts. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    long lastActivity() {
        return lastActivity;
    }

    /** The connection ended (a close frame either way, or the TCP connection dropped): sends are refused from now. */
    void ended() {
        closing.set(true);
        replaceIdleCheck(null);
    }

    /** Cancels the pending idle check, if any, and keeps {@code next} instead. */
    void replaceIdleCheck(@Nullable ScheduledFuture<?> next) {
        ScheduledFuture<?> previous = idleCheck.getAndSet(next);
        if (previous != null && previous != next) {
            previous.cancel(false);
        }
    }

    /** @throws IllegalStateException when the session is closing or closed */
    void requireOpen() {
        if (closing.get()) {
            throw new IllegalStateException("the WebSocket session " + id + " is closed");
        }
    }

    // ------------------------------------------------------------------ Session

    @Override
    public WebSocketContainer getContainer() {
        return container;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        handlers.add(handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        handlers.add(handler, type, false, -1);
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        handlers.add(handler, type, true, -1);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    /** @return the subprotocol, or {@code ""} when none was agreed (the API's contract, and Tyrus's) */
    @Override
    public String getNegotiatedSubprotocol() {
        return subprotocol == null ? "" : subprotocol;
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return extensions;
    }

    @Override
    public boolean isSecure() {
        return handshake.secure();
    }

    @Override
    public boolean isOpen() {
        return !closing.get();
    }

    @Override
    public long getMaxIdleTimeout() {
        return maxIdleTimeout;
    }

    /** Zero or less: no timeout. A positive value closes the session with 1001 after that long without a message. */
    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        maxIdleTimeout = milliseconds;
        touch();
        container.idleTimer().watch(this);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        maxBinaryMessageBufferSize = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        maxTextMessageBufferSize = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return async;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basic;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    /**
     * Sends a close frame with this reason (once; later calls do nothing). The endpoint's {@code onClose} then runs on
     * the connection's thread with this reason.
     *
     * @throws IllegalArgumentException for a code that may not be sent (1005, 1006, 1015, 1004, below 1000...) or a
     *                                  reason longer than 123 bytes of UTF-8
     */
    @Override
    public void close(CloseReason reason) throws IOException {
        int code = reason.getCloseCode().getCode();
        if (!CloseCodes.isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (allowed: 1000-1003, "
                    + "1007-1014, 3000-4999)");
        }
        String phrase = reason.getReasonPhrase();
        if (phrase.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason is longer than 123 bytes of UTF-8");
        }
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            outbound.close(code, phrase);
        } catch (ClientDisconnectedException e) {
            // Already gone: the connection's thread reports the disconnect to onClose.
        } catch (IllegalStateException e) {
            // The connection ended between the check and the send: nothing to close.
        }
    }

    @Override
    public URI getRequestURI() {
        return handshake.getRequestURI();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return handshake.getParameterMap();
    }

    @Override
    public @Nullable String getQueryString() {
        return handshake.getQueryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return handshake.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public @Nullable Principal getUserPrincipal() {
        return null;
    }

    /** The open sessions of the same endpoint, this one included while it is open. */
    @Override
    public Set<Session> getOpenSessions() {
        return Set.copyOf(deployment.open);
    }

    @Override
    public String toString() {
        return "JakartaSession[" + id + " " + deployment.template + "]";
    }
}
