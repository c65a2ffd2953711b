package io.jvicorn.cli;

import io.jvicorn.server.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Uvicorn's {@code --ssl-*} options, mixed into {@link CliOptions}: HTTPS from PEM files or a PKCS#12 key store. */
final class TlsOptions {
    @Option(names = "--ssl-certfile", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "Serve HTTPS with this PEM certificate, followed by its chain; it may hold the key too.")
    @Nullable Path sslCertfile;

    @Option(names = "--ssl-keyfile", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "The PEM private key: PKCS#8 (plain or encrypted), PKCS#1 RSA or SEC1 EC.")
    @Nullable Path sslKeyfile;

    @Option(names = "--ssl-keyfile-password", paramLabel = "PASSWORD",
            description = "The password of an encrypted --ssl-keyfile (JVICORN_SSL_KEYFILE_PASSWORD keeps it out "
                    + "of the process list).")
    @Nullable String sslKeyfilePassword;

    @Option(names = "--ssl-keystore", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "Serve HTTPS with the key and certificate chain of this PKCS#12 key store instead.")
    @Nullable Path sslKeystore;

    @Option(names = "--ssl-keystore-password", paramLabel = "PASSWORD",
            description = "The password of --ssl-keystore, also used for its key.")
    @Nullable String sslKeystorePassword;

    @Option(names = "--ssl-cert-reqs", paramLabel = "N", defaultValue = "0", converter = Converters.CertReqs.class,
            description = "Client certificates: 0 not asked for, 1 optional, 2 required (mutual TLS); 1 and 2 need "
                    + "--ssl-ca-certs. Default: ${DEFAULT-VALUE}.")
    TlsConfig.ClientAuth sslCertReqs = TlsConfig.ClientAuth.NONE;

    @Option(names = "--ssl-ca-certs", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "PEM bundle of the CA certificates that client certificates must chain to.")
    @Nullable Path sslCaCerts;

    @Option(names = "--ssl-ciphers", paramLabel = "LIST", defaultValue = "default",
            description = "Cipher suites by IANA name, comma-separated, in preference order (for example "
                    + "TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), or 'default' for the JVM's. "
                    + "OpenSSL cipher strings are not understood. Default: ${DEFAULT-VALUE}.")
    String sslCiphers = "default";

    @Option(names = "--ssl-version", paramLabel = "VERSION", defaultValue = "17",
            converter = Converters.SslVersions.class,
            description = "TLS versions, as Python's ssl.PROTOCOL_* number or a JVM name: 17 or 2 for TLS 1.3 and "
                    + "1.2, 5 or TLSv1.2 for TLS 1.2 only, TLSv1.3 for TLS 1.3 only. TLS 1.0 and 1.1 (3, 4) are "
                    + "disabled in the JVM as insecure. Default: ${DEFAULT-VALUE}.")
    TlsConfig.Protocols sslVersion = TlsConfig.Protocols.JVM_DEFAULT;

    /**
     * The {@code --ssl-*} options as TLS settings. HTTPS is on when a certificate or key store is given.
     *
     * @return the settings, or null for plain HTTP
     * @throws IllegalArgumentException if they do not fit together, or other --ssl options come without a certificate
     */
    @Nullable TlsConfig tlsConfig() {
        List<String> ciphers = new ArrayList<>();
        // "TLSv1" is Uvicorn's old default cipher string: it means the defaults here too.
        if (!sslCiphers.isBlank() && !sslCiphers.equals("default") && !sslCiphers.equals("TLSv1")) {
            ciphers.addAll(List.of(sslCiphers.strip().split("\\s*[,:]\\s*")));
        }
        if (sslCertfile == null && sslKeyfile == null && sslKeystore == null) {
            if (sslCaCerts != null || sslCertReqs != TlsConfig.ClientAuth.NONE || !ciphers.isEmpty()
                    || sslVersion != TlsConfig.Protocols.JVM_DEFAULT || sslKeyfilePassword != null
                    || sslKeystorePassword != null) {
                throw new IllegalArgumentException("the --ssl-* options need --ssl-certfile (PEM) or --ssl-keystore "
                        + "(PKCS#12) to turn HTTPS on");
            }
            return null;
        }
        return new TlsConfig(sslCertfile, sslKeyfile, sslKeyfilePassword, sslKeystore, sslKeystorePassword,
                sslCaCerts, sslCertReqs, ciphers, sslVersion);
    }
}
