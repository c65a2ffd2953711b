package io.jvicorn.server;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * HTTPS settings, Uvicorn's {@code --ssl-*} options. The server certificate and key come either from PEM files
 * ({@link #pem}) or from a PKCS#12 key store ({@link #keyStore}).
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.pem(Path.of("cert.pem"), Path.of("key.pem"))
 *         .withClientAuth(TlsConfig.ClientAuth.REQUIRED, Path.of("clients-ca.pem"))
 *         .withProtocols(TlsConfig.Protocols.TLS_1_3);
 * }</pre>
 *
 * @param certFile         PEM file with the server certificate first, then its chain; may hold the key too
 *                         ({@code --ssl-certfile})
 * @param keyFile          PEM file with the private key: PKCS#8 (plain or encrypted), PKCS#1 RSA or SEC1 EC; null when
 *                         the certificate file holds it ({@code --ssl-keyfile})
 * @param keyPassword      the password of an encrypted key ({@code --ssl-keyfile-password})
 * @param keyStore         a PKCS#12 (or JKS) key store with the key and its chain, instead of PEM files
 *                         ({@code --ssl-keystore})
 * @param keyStorePassword its password, also used for the key ({@code --ssl-keystore-password})
 * @param caCerts          PEM bundle of the CAs that client certificates must chain to ({@code --ssl-ca-certs})
 * @param clientAuth       whether clients are asked for a certificate ({@code --ssl-cert-reqs})
 * @param ciphers          IANA/JSSE cipher suite names in preference order, or empty for the JVM's defaults
 *                         ({@code --ssl-ciphers})
 * @param protocols        the TLS versions accepted ({@code --ssl-version}): the JVM's defaults, TLS 1.3 and 1.2, or
 *                         exactly one of them
 */
public record TlsConfig(
        @Nullable Path certFile,
        @Nullable Path keyFile,
        @Nullable String keyPassword,
        @Nullable Path keyStore,
        @Nullable String keyStorePassword,
        @Nullable Path caCerts,
        ClientAuth clientAuth,
        List<String> ciphers,
        Protocols protocols) {

    /** Client certificate requests, as Python's {@code ssl.CERT_NONE/OPTIONAL/REQUIRED} (0, 1, 2). */
    public enum ClientAuth {
        /** No client certificate is asked for (0, the default). */
        NONE,
        /** A client certificate is asked for and verified if sent (1). */
        OPTIONAL,
        /** A verified client certificate is required: mutual TLS (2). */
        REQUIRED;

        /**
         * @param certReqs Uvicorn's {@code --ssl-cert-reqs} value
         * @return the mode
         * @throws IllegalArgumentException unless 0, 1 or 2
         */
        public static ClientAuth fromCertReqs(int certReqs) {
            return switch (certReqs) {
                case 0 -> NONE;
                case 1 -> OPTIONAL;
                case 2 -> REQUIRED;
                default -> throw new IllegalArgumentException("ssl-cert-reqs must be 0 (none), 1 (optional) or "
                        + "2 (required), got " + certReqs);
            };
        }
    }

    /**
     * The TLS versions the server accepts, Uvicorn's {@code --ssl-version}. Python names them with the
     * {@code ssl.PROTOCOL_*} ints, the JVM with JSSE names such as {@code TLSv1.2}; {@link #fromSslVersion} takes
     * either. TLS 1.0 and 1.1 are not offered: the JVM disables them as insecure (RFC 8996).
     */
    public enum Protocols {
        /** The JVM's enabled versions, TLS 1.3 and 1.2 (Python's {@code PROTOCOL_TLS_SERVER}, 17, the default). */
        JVM_DEFAULT(List.of()),
        /** TLS 1.2 only (Python's {@code PROTOCOL_TLSv1_2}, 5). */
        TLS_1_2(List.of("TLSv1.2")),
        /** TLS 1.3 only (Python has no constant for it: OpenSSL sets it as a minimum version instead). */
        TLS_1_3(List.of("TLSv1.3"));

        /** What {@link #fromSslVersion} accepts, for messages. */
        private static final String ACCEPTED = "accepted are 17 or 2 (PROTOCOL_TLS_SERVER, PROTOCOL_TLS: TLS 1.3 and "
                + "1.2, the default), 5 or TLSv1.2 (PROTOCOL_TLSv1_2: TLS 1.2 only) and TLSv1.3 (TLS 1.3 only)";

        private final List<String> jsseNames;

        Protocols(List<String> jsseNames) {
            this.jsseNames = jsseNames;
        }

        /**
         * @return the JSSE protocol names to enable, or an empty list to keep the JVM's defaults
         */
        public List<String> jsseNames() {
            return jsseNames;
        }

        /**
         * Reads an {@code --ssl-version} value: one of Python's {@code ssl.PROTOCOL_*} ints that a server can use,
         * or a JSSE name.
         *
         * @param sslVersion {@code 17}, {@code 2}, {@code 5}, {@code TLSv1.2} or {@code TLSv1.3}
         * @return the versions it stands for
         * @throws IllegalArgumentException for anything else, saying why and what is accepted; TLS 1.0 and 1.1
         *                                  ({@code 3}, {@code 4}) and the client-side {@code 16} are refused
         */
        public static Protocols fromSslVersion(String sslVersion) {
            return switch (sslVersion.strip().toUpperCase(java.util.Locale.ROOT)) {
                case "17", "2" -> JVM_DEFAULT;
                case "5", "TLSV1.2" -> TLS_1_2;
                case "TLSV1.3" -> TLS_1_3;
                case "3" -> throw insecure("3 (PROTOCOL_TLSv1)", "TLS 1.0");
                case "TLSV1", "TLSV1.0" -> throw insecure("'" + sslVersion.strip() + "'", "TLS 1.0");
                case "4" -> throw insecure("4 (PROTOCOL_TLSv1_1)", "TLS 1.1");
                case "TLSV1.1" -> throw insecure("'" + sslVersion.strip() + "'", "TLS 1.1");
                case "16" -> throw new IllegalArgumentException("16 is Python's PROTOCOL_TLS_CLIENT, which only "
                        + "connects to servers and cannot serve; " + ACCEPTED);
                default -> throw new IllegalArgumentException("'" + sslVersion + "' is not a TLS version that a "
                        + "server can use; " + ACCEPTED);
            };
        }

        private static IllegalArgumentException insecure(String given, String version) {
            return new IllegalArgumentException(given + " is " + version + ", which the JVM "
                    + "disables as insecure (RFC 8996); use 17 (TLS 1.3 and 1.2, the default) or 5 (TLS 1.2 only) "
                    + "instead: every client of the last decade speaks TLS 1.2");
        }
    }

    /** Checks that the settings fit together and copies the cipher list. */
    public TlsConfig {
        if (certFile == null && keyStore == null) {
            throw new IllegalArgumentException(keyFile != null
                    ? "ssl-keyfile needs ssl-certfile: give the certificate (chain) file too"
                    : "TLS needs ssl-certfile (PEM) or ssl-keystore (PKCS#12)");
        }
        if (certFile != null && keyStore != null) {
            throw new IllegalArgumentException("give either ssl-certfile/ssl-keyfile (PEM) or ssl-keystore "
                    + "(PKCS#12), not both");
        }
        if (clientAuth != ClientAuth.NONE && caCerts == null) {
            throw new IllegalArgumentException("ssl-cert-reqs " + clientAuth.ordinal() + " needs ssl-ca-certs: the "
                    + "CA certificates (PEM) that client certificates are verified against");
        }
        ciphers = List.copyOf(ciphers);
    }

    /**
     * Certificate and key from PEM files.
     *
     * @param certFile the certificate chain (server certificate first), possibly with the key
     * @param keyFile  the key, or null if {@code certFile} holds it
     * @return the settings, no client authentication, default ciphers and versions
     */
    public static TlsConfig pem(Path certFile, @Nullable Path keyFile) {
        return new TlsConfig(certFile, keyFile, null, null, null, null, ClientAuth.NONE, List.of(),
                Protocols.JVM_DEFAULT);
    }

    /**
     * Certificate and key from a PKCS#12 key store.
     *
     * @param keyStore the key store file
     * @param password its password, or null for none
     * @return the settings, no client authentication, default ciphers and versions
     */
    public static TlsConfig keyStore(Path keyStore, @Nullable String password) {
        return new TlsConfig(null, null, null, keyStore, password, null, ClientAuth.NONE, List.of(),
                Protocols.JVM_DEFAULT);
    }

    /**
     * @param password the encrypted key's password
     * @return a copy with it
     */
    public TlsConfig withKeyPassword(@Nullable String password) {
        return new TlsConfig(certFile, keyFile, password, keyStore, keyStorePassword, caCerts, clientAuth, ciphers,
                protocols);
    }

    /**
     * @param mode    whether to ask for client certificates
     * @param caCerts the CAs they must chain to (PEM), or null with {@link ClientAuth#NONE}
     * @return a copy with them
     */
    public TlsConfig withClientAuth(ClientAuth mode, @Nullable Path caCerts) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, caCerts, mode, ciphers,
                protocols);
    }

    /**
     * @param suites IANA/JSSE cipher suite names, empty for the JVM's defaults
     * @return a copy with them
     */
    public TlsConfig withCiphers(List<String> suites) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, caCerts, clientAuth, suites,
                protocols);
    }

    /**
     * @param versions the TLS versions to accept
     * @return a copy with them
     */
    public TlsConfig withProtocols(Protocols versions) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, caCerts, clientAuth, ciphers,
                versions);
    }

    /** Passwords are masked. */
    @Override
    public String toString() {
        return "TlsConfig[certFile=" + certFile + ", keyFile=" + keyFile + ", keyPassword="
                + (keyPassword == null ? null : "***") + ", keyStore=" + keyStore + ", keyStorePassword="
                + (keyStorePassword == null ? null : "***") + ", caCerts=" + caCerts + ", clientAuth=" + clientAuth
                + ", ciphers=" + ciphers + ", protocols=" + protocols + "]";
    }
}
