package io.jvicorn.engine;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Bytes a connection starts with before its protocol, and before TLS: the PROXY protocol's header, by which a proxy
 * says whom it forwards. The engine knows no such protocol; it feeds a connection's first bytes to its preface, creates
 * the {@link ConnectionHandler} only once the preface has passed (so the handler already sees the client the preface
 * named as {@link Transport#remoteAddress()}), and closes the connection, with a WARNING line giving the reason, when
 * it fails, the input ends inside it, or it is not done by the deadline.
 *
 * <p>Threads: the connection's loop thread only.
 */
public interface ConnectionPreface {

    /**
     * Reads the preface's bytes.
     *
     * @param in bytes from the socket; the preface consumes its own and leaves the protocol's
     * @return null while more bytes are needed (then all of {@code in} was consumed), else the outcome
     */
    @Nullable Outcome read(ByteBuffer in);

    /**
     * The input ended, or the deadline passed, before an outcome.
     *
     * @param timedOut whether the deadline passed (else the peer closed)
     * @return the reason to log when closing, or null to close without a line (a peer that sent nothing)
     */
    @Nullable String unfinished(boolean timedOut);

    /** What a preface decided. */
    sealed interface Outcome permits Passed, Failed {
    }

    /**
     * The protocol may start.
     *
     * @param client     the client the connection stands for from now on, or null to keep the socket's peer
     * @param held       bytes the preface read but that belong to the protocol, delivered before what is left of the
     *                   buffer; null if none
     * @param tlsAtProxy whether the client reached the proxy that sent the preface over TLS, which the proxy
     *                   terminated ({@link Transport#tlsAtProxy()})
     */
    record Passed(@Nullable SocketAddress client, @Nullable ByteBuffer held, boolean tlsAtProxy) implements Outcome {
        /**
         * @param client the client the connection stands for from now on, or null to keep the socket's peer
         * @param held   bytes that belong to the protocol, or null
         */
        public Passed(@Nullable SocketAddress client, @Nullable ByteBuffer held) {
            this(client, held, false);
        }
    }

    /**
     * The connection is closed.
     *
     * @param reason what the log line says
     */
    record Failed(String reason) implements Outcome {
    }

    /** Makes each new connection's preface. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param remote the socket's peer, or null (an unnamed unix socket client)
         * @param local  the address the connection arrived on
         * @return the connection's preface, or null when it has none
         */
        @Nullable ConnectionPreface create(@Nullable SocketAddress remote, @Nullable SocketAddress local);
    }
}
