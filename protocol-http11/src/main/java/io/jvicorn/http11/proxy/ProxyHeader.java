package io.jvicorn.http11.proxy;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A well-formed PROXY protocol header: who the proxy says the connection is from and to.
 *
 * @param version     1 (text) or 2 (binary)
 * @param local       whether the proxy made the connection itself (v2 LOCAL, a health check) or it forwards an
 *                    unknown one (v1 UNKNOWN, v2 AF_UNSPEC): then there are no addresses and the connection's own
 *                    endpoints stand
 * @param source      the original client: an {@link java.net.InetSocketAddress}, a
 *                    {@link java.net.UnixDomainSocketAddress} (v2 AF_UNIX, when named), or null when {@code local}
 * @param destination the address the client connected to, of the same kind, or null
 * @param tlvs        v2's type-length-values in header order (PP2_TYPE_NOOP included); empty for v1
 * @param ssl         v2's PP2_TYPE_SSL, or null
 */
public record ProxyHeader(int version, boolean local, @Nullable SocketAddress source,
                          @Nullable SocketAddress destination, List<Tlv> tlvs, @Nullable Ssl ssl)
        implements ProxyParse {
    /** PP2_TYPE_ALPN: the application protocol the client negotiated with the proxy. */
    public static final int TYPE_ALPN = 0x01;
    /** PP2_TYPE_AUTHORITY: the host name the client asked for (TLS SNI), UTF-8. */
    public static final int TYPE_AUTHORITY = 0x02;
    /** PP2_TYPE_CRC32C: the header's checksum, verified by the parser. */
    public static final int TYPE_CRC32C = 0x03;
    /** PP2_TYPE_NOOP: padding. */
    public static final int TYPE_NOOP = 0x04;
    /** PP2_TYPE_UNIQUE_ID: an opaque connection identifier of up to 128 bytes. */
    public static final int TYPE_UNIQUE_ID = 0x05;
    /** PP2_TYPE_SSL: how the client connected to the proxy over TLS, see {@link Ssl}. */
    public static final int TYPE_SSL = 0x20;
    /** PP2_TYPE_NETNS: the network namespace's name, US-ASCII. */
    public static final int TYPE_NETNS = 0x30;

    /** Checks the components and copies the list. */
    public ProxyHeader {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("version must be 1 or 2");
        }
        tlvs = List.copyOf(tlvs);
    }

    /**
     * One v2 type-length-value.
     *
     * @param type  its type, 0..255
     * @param value its bytes (not copied: treat as read-only)
     */
    public record Tlv(int type, byte[] value) {
        /** Checks the value is present. */
        public Tlv {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tlv t && t.type == type && java.util.Arrays.equals(t.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Tlv[type=0x" + Integer.toHexString(type) + ", value=" + java.util.HexFormat.of().formatHex(value)
                    + "]";
        }
    }

    /**
     * PP2_TYPE_SSL: the TLS the proxy terminated.
     *
     * @param client  the PP2_CLIENT_* bits: 1 the client connected over TLS, 2 it sent a certificate on this
     *                connection, 4 on this TLS session
     * @param verify  0 when the client's certificate was presented and verified, otherwise non-zero
     * @param version PP2_SUBTYPE_SSL_VERSION, such as {@code TLSv1.3}, or null
     * @param cn      PP2_SUBTYPE_SSL_CN, the client certificate's common name, or null
     * @param cipher  PP2_SUBTYPE_SSL_CIPHER, or null
     * @param sigAlg  PP2_SUBTYPE_SSL_SIG_ALG, or null
     * @param keyAlg  PP2_SUBTYPE_SSL_KEY_ALG, or null
     */
    public record Ssl(int client, long verify, @Nullable String version, @Nullable String cn, @Nullable String cipher,
                      @Nullable String sigAlg, @Nullable String keyAlg) {
        /** @return whether the client connected to the proxy over TLS (PP2_CLIENT_SSL) */
        public boolean clientSsl() {
            return (client & 0x01) != 0;
        }
    }

    /**
     * @param type a TLV type
     * @return the value of the first TLV of that type as UTF-8 text, or null when there is none
     */
    public @Nullable String text(int type) {
        for (Tlv tlv : tlvs) {
            if (tlv.type() == type) {
                return new String(tlv.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
