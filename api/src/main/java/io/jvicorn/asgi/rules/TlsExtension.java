package io.jvicorn.asgi.rules;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * What a TLS session tells an application: the ASGI {@code tls} scope extension, built from
 * the connection's {@link SSLSession}. Build it once per connection: it encodes certificates.
 */
public final class TlsExtension {
    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    /** IANA code points of the suites the JDK offers (and the legacy RSA key exchange ones, should they be enabled). */
    private static final Map<String, Integer> CIPHER_SUITES = Map.ofEntries(
            Map.entry("TLS_AES_128_GCM_SHA256", 0x1301),
            Map.entry("TLS_AES_256_GCM_SHA384", 0x1302),
            Map.entry("TLS_CHACHA20_POLY1305_SHA256", 0x1303),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030),
            Map.entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8),
            Map.entry("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9),
            Map.entry("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCAA),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009E),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 0x009F),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", 0x00A2),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", 0x00A3),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xC024),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 0xC027),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 0xC028),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", 0x0040),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 0x0067),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", 0x006A),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 0x006B),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC009),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0xC00A),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", 0x0032),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0033),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", 0x0038),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 0x0039),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003C),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA256", 0x003D),
            Map.entry("TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C),
            Map.entry("TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009D));

    private TlsExtension() {
    }

    /**
     * The ASGI {@code tls} extension (ASGI TLS extension spec, version 0.2) of a session.
     *
     * @param session the connection's session
     * @return an unmodifiable map with {@code server_cert} (PEM or null), {@code client_cert_chain} (PEM strings, leaf
     *         first; empty without a client certificate), {@code client_cert_name} (RFC 4514 subject or null),
     *         {@code client_cert_error} (null: a client certificate that fails verification fails the handshake),
     *         {@code tls_version} (for example 0x0304 for TLS 1.3) and {@code cipher_suite} (the IANA code or null)
     */
    public static Map<String, @Nullable Object> asgiExtension(SSLSession session) {
        Map<String, @Nullable Object> tls = new LinkedHashMap<>();
        Certificate[] local = session.getLocalCertificates();
        tls.put("server_cert", local == null || local.length == 0 ? null : pem(local[0]));
        Certificate[] peer = peerCertificates(session);
        List<String> chain = new ArrayList<>(peer.length);
        for (Certificate c : peer) {
            chain.add(pem(c));
        }
        tls.put("client_cert_chain", Collections.unmodifiableList(chain));
        tls.put("client_cert_name", peer.length > 0 && peer[0] instanceof X509Certificate x509
                ? x509.getSubjectX500Principal().getName(X500Principal.RFC2253) : null);
        tls.put("client_cert_error", null);
        tls.put("tls_version", tlsVersion(session.getProtocol()));
        tls.put("cipher_suite", cipherSuiteCode(session.getCipherSuite()));
        return Collections.unmodifiableMap(tls);
    }

    /**
     * @param protocol a JSSE protocol name such as {@code TLSv1.3}
     * @return its wire version ({@code 0x0304} for TLS 1.3, {@code 0x0303} for 1.2...), or null if unknown
     */
    public static @Nullable Integer tlsVersion(String protocol) {
        return switch (protocol) {
            case "TLSv1.3" -> 0x0304;
            case "TLSv1.2" -> 0x0303;
            case "TLSv1.1" -> 0x0302;
            case "TLSv1" -> 0x0301;
            case "SSLv3" -> 0x0300;
            default -> null;
        };
    }

    /**
     * @param suite a JSSE cipher suite name (JSSE uses the IANA names)
     * @return its IANA code point, or null if not in jvicorn's table
     */
    public static @Nullable Integer cipherSuiteCode(String suite) {
        return CIPHER_SUITES.get(suite);
    }

    /**
     * @param certificate a certificate
     * @return it in PEM, 64-character lines, as Python's {@code ssl.DER_cert_to_PEM_cert} writes it
     */
    public static String pem(Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + PEM_BASE64.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate of the TLS session cannot be encoded", e);
        }
    }

    /**
     * The client's certificate chain from a scope's {@code tls} extension, decoded from its PEM strings: what a
     * framework on top of the protocol (a servlet's or Spring's {@code SslInfo}) needs as certificate objects.
     *
     * @param tls the {@code tls} extension, as {@link #asgiExtension} builds it
     * @return the chain, leaf first; empty when the client sent no certificate
     * @throws IllegalArgumentException when {@code client_cert_chain} is not a list of PEM certificates
     */
    public static X509Certificate[] clientCertificates(Map<String, ?> tls) {
        if (!(tls.get("client_cert_chain") instanceof List<?> chain) || chain.isEmpty()) {
            return new X509Certificate[0];
        }
        X509Certificate[] certificates = new X509Certificate[chain.size()];
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certificates.length; i++) {
                if (!(chain.get(i) instanceof String pem)) {
                    throw new IllegalArgumentException("client_cert_chain[" + i + "] is not a PEM string");
                }
                certificates[i] = (X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("client_cert_chain holds a certificate that does not decode", e);
        }
        return certificates;
    }

    private static Certificate[] peerCertificates(SSLSession session) {
        try {
            return session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return new Certificate[0]; // the client sent no certificate
        }
    }
}
