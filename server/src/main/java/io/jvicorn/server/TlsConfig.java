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
 *         .withClientAuth(TlsConfig.ClientAuth.REQUIRED, Path.of("clients-ca.pem"));
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
 */
public record TlsConfig(
        @Nullable Path certFile,
        @Nullable Path keyFile,
        @Nullable String keyPassword,
        @Nullable Path keyStore,
        @Nullable String keyStorePassword,
        @Nullable Path caCerts,
        ClientAuth clientAuth,
        List<String> ciphers) {

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
     * @return the settings, no client authentication, default ciphers
     */
    public static TlsConfig pem(Path certFile, @Nullable Path keyFile) {
        return new TlsConfig(certFile, keyFile, null, null, null, null, ClientAuth.NONE, List.of());
    }

    /**
     * Certificate and key from a PKCS#12 key store.
     *
     * @param keyStore the key store file
     * @param password its password, or null for none
     * @return the settings, no client authentication, default ciphers
     */
    public static TlsConfig keyStore(Path keyStore, @Nullable String password) {
        return new TlsConfig(null, null, null, keyStore, password, null, ClientAuth.NONE, List.of());
    }

    /**
     * @param password the encrypted key's password
     * @return a copy with it
     */
    public TlsConfig withKeyPassword(@Nullable String password) {
        return new TlsConfig(certFile, keyFile, password, keyStore, keyStorePassword, caCerts, clientAuth, ciphers);
    }

    /**
     * @param mode    whether to ask for client certificates
     * @param caCerts the CAs they must chain to (PEM), or null with {@link ClientAuth#NONE}
     * @return a copy with them
     */
    public TlsConfig withClientAuth(ClientAuth mode, @Nullable Path caCerts) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, caCerts, mode, ciphers);
    }

    /**
     * @param suites IANA/JSSE cipher suite names, empty for the JVM's defaults
     * @return a copy with them
     */
    public TlsConfig withCiphers(List<String> suites) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, caCerts, clientAuth, suites);
    }

    /** Passwords are masked. */
    @Override
    public String toString() {
        return "TlsConfig[certFile=" + certFile + ", keyFile=" + keyFile + ", keyPassword="
                + (keyPassword == null ? null : "***") + ", keyStore=" + keyStore + ", keyStorePassword="
                + (keyStorePassword == null ? null : "***") + ", caCerts=" + caCerts + ", clientAuth=" + clientAuth
                + ", ciphers=" + ciphers + "]";
    }
}
