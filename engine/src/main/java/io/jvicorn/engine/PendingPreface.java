package io.jvicorn.engine;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A connection's {@link ConnectionPreface} while it is being read: the preface, the deadline on the loop's clock, and
 * the factory of the handler that is created once it passed. Loop thread only, like the {@link Connection} that holds
 * it until then.
 */
final class PendingPreface {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final ConnectionPreface preface;
    private final long deadline;
    private final ConnectionHandlerFactory handlers;

    PendingPreface(ConnectionPreface preface, long deadline, ConnectionHandlerFactory handlers) {
        this.preface = preface;
        this.deadline = deadline;
        this.handlers = handlers;
    }

    /** @return the preface's outcome for these bytes, or null while it needs more */
    ConnectionPreface.@Nullable Outcome read(ByteBuffer in) {
        return preface.read(in);
    }

    /** @return whether the deadline passed at {@code nowNanos} */
    boolean expired(long nowNanos) {
        return nowNanos - deadline >= 0;
    }

    /** @return why the connection closes when the input ended or the deadline passed first; null for no log line */
    @Nullable String unfinished(boolean timedOut) {
        return preface.unfinished(timedOut);
    }

    /** @return the handler for the connection whose preface passed */
    ConnectionHandler handler(Transport connection) {
        return handlers.create(connection);
    }

    /** @return the protocol's first bytes: what the preface held back, then what is left of {@code rest} */
    static ByteBuffer protocolBytes(ConnectionPreface.Passed passed, ByteBuffer rest) {
        ByteBuffer held = passed.held();
        if (held == null || !held.hasRemaining()) {
            return rest;
        }
        return ByteBuffer.allocate(held.remaining() + rest.remaining()).put(held).put(rest).flip();
    }

    /** Logs why a connection is closed in its preface: a WARNING naming the peer; nothing when there is no reason. */
    static void logRefusal(@Nullable SocketAddress peer, @Nullable String reason) {
        if (reason != null) {
            LOG.log(System.Logger.Level.WARNING, "Closing the connection from {0}: {1}",
                    peer == null ? "a unix socket peer" : peer, reason);
        }
    }
}
