package io.jvicorn.server;

import io.jvicorn.engine.ConnectionPreface;
import io.jvicorn.http11.proxy.ForwardedAllowList;
import io.jvicorn.http11.proxy.ProxyHeader;
import io.jvicorn.http11.proxy.ProxyHeaderParser;
import io.jvicorn.http11.proxy.ProxyParse;
import io.jvicorn.http11.proxy.ProxyRejection;
import io.jvicorn.http11.proxy.ProxySignature;
import io.jvicorn.http11.proxy.ProxyViolation;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * {@code --proxy-protocol}: the PROXY protocol header as a connection's preface, read by the engine before TLS and
 * before HTTP. A peer in {@code --forwarded-allow-ips} must send one (v1 or v2), and its source address becomes the
 * connection's client; a LOCAL or UNKNOWN header (a proxy's health check) keeps the socket's peer. Any other peer is
 * served as it is, but may not name a client: a PROXY signature from it is {@link ProxyViolation#UNTRUSTED_PEER}.
 * Telling the signature apart needs at most its 12 bytes, held back meanwhile and handed to the protocol after.
 *
 * <p>Threads: the connection's loop thread, like every preface.
 */
final class ProxyProtocolPreface implements ConnectionPreface {
    private final boolean trusted;
    private final @Nullable ProxyHeaderParser parser;
    // Untrusted peers: the first bytes, kept until they cannot start a signature
    private byte @Nullable [] held;
    private int heldCount;

    private ProxyProtocolPreface(boolean trusted) {
        this.trusted = trusted;
        this.parser = trusted ? new ProxyHeaderParser() : null;
    }

    /**
     * @param allowList the peers that may send a PROXY header
     * @return the factory of each connection's preface
     */
    static ConnectionPreface.Factory factory(ForwardedAllowList allowList) {
        return (remote, local) -> new ProxyProtocolPreface(allowList.trustsConnection(remote, local));
    }

    @Override
    public @Nullable Outcome read(ByteBuffer in) {
        ProxyHeaderParser p = parser;
        return p != null ? header(p.next(in)) : noSignature(in);
    }

    private static @Nullable Outcome header(@Nullable ProxyParse parse) {
        if (parse == null) {
            return null;
        }
        if (parse instanceof ProxyRejection rejection) {
            return failed(rejection.violation());
        }
        ProxyHeader header = (ProxyHeader) parse;
        SocketAddress client = header.local() ? null : header.source();
        ProxyHeader.Ssl ssl = header.ssl();
        return new Passed(client, null, !header.local() && ssl != null && ssl.clientSsl());
    }

    /** An untrusted peer's first bytes: passed on, unless they are a PROXY signature. */
    private @Nullable Outcome noSignature(ByteBuffer in) {
        byte[] h = held;
        if (h == null) {
            ProxySignature signature = ProxySignature.of(in);
            if (signature == ProxySignature.NONE) {
                return new Passed(null, null); // the common case: nothing held, nothing copied
            }
            if (signature != ProxySignature.PARTIAL) {
                return failed(ProxyViolation.UNTRUSTED_PEER);
            }
            h = new byte[ProxySignature.MAX_LENGTH];
            held = h;
        }
        int n = Math.min(in.remaining(), h.length - heldCount);
        in.get(h, heldCount, n);
        heldCount += n;
        return switch (ProxySignature.of(h, heldCount)) {
            case NONE -> new Passed(null, ByteBuffer.wrap(h, 0, heldCount));
            case PARTIAL -> null;
            case V1, V2 -> failed(ProxyViolation.UNTRUSTED_PEER);
        };
    }

    @Override
    public @Nullable String unfinished(boolean timedOut) {
        int read = parser != null ? parser.bytesRead() : heldCount;
        if (!trusted) {
            return null; // a client that sent a few bytes that could start a signature, then nothing: not worth a line
        }
        if (timedOut) {
            return describe(ProxyViolation.TIMEOUT);
        }
        return read == 0 ? null : describe(ProxyViolation.TRUNCATED);
    }

    private static Failed failed(ProxyViolation violation) {
        return new Failed(describe(violation));
    }

    /** The log line's reason: the violation's name, which tests and operators search for, and its words. */
    private static String describe(ProxyViolation violation) {
        return "PROXY protocol " + violation.name() + " (" + violation.reason() + ")";
    }
}
