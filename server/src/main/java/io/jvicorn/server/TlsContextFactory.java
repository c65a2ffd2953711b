package io.jvicorn.server;

import io.jvicorn.engine.TlsEngineFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds the server's {@link SSLContext} and per-connection {@link javax.net.ssl.SSLEngine}s from a {@link TlsConfig}: PEM or PKCS#12
 * key material, client CAs, client authentication, TLS versions, cipher suites, and ALPN ({@code h2} and
 * {@code http/1.1} as the server serves them).
 * Every problem is reported as a {@link ServerStartupException} that names the file and the fix.
 */
public final class TlsContextFactory {
    /** Protects the in-memory key store built from PEM files; never written anywhere. */
    private static final char[] IN_MEMORY_PASSWORD = "jvicorn".toCharArray();

    private TlsContextFactory() {
    }

    /**
     * The engine factory for an HTTP/1.1 listener (ALPN {@code http/1.1}).
     *
     * @param config the TLS settings
     * @return a factory of server-mode engines with the configured client authentication, versions, ciphers and ALPN
     * @throws ServerStartupException if the key material, CA file or cipher list is unusable, or the JVM has the
     *                                requested TLS version disabled
     */
    public static TlsEngineFactory engineFactory(TlsConfig config) throws ServerStartupException {
        return engines(config, HttpProtocols.HTTP_1.alpn());
    }

    /** As {@link #engineFactory}, as the replaceable factory a server keeps (certificate rotation). */
    static TlsEngines engines(TlsConfig config, List<String> alpn) throws ServerStartupException {
        SSLContext context = sslContext(config);
        return new TlsEngines(context, parameters(config, context), alpn);
    }

    /**
     * The parameters each engine gets.
     *
     * @param config  the TLS settings
     * @param context the context made from them
     * @return the configured protocols, cipher suites and client authentication over the context's defaults
     * @throws ServerStartupException if the JVM has a requested version or cipher suite disabled
     */
    static SSLParameters parameters(TlsConfig config, SSLContext context) throws ServerStartupException {
        SSLParameters parameters = context.getDefaultSSLParameters();
        if (!config.protocols().jsseNames().isEmpty()) {
            parameters.setProtocols(checkedProtocols(parameters, config.protocols()));
        }
        if (!config.ciphers().isEmpty()) {
            parameters.setCipherSuites(checkedCiphers(context, config.ciphers()));
            parameters.setUseCipherSuitesOrder(true);
        }
        switch (config.clientAuth()) {
            case REQUIRED -> parameters.setNeedClientAuth(true);
            case OPTIONAL -> parameters.setWantClientAuth(true);
            case NONE -> { }
        }
        return parameters;
    }

    /**
     * The SSL context alone, for embedders that drive their own engines.
     *
     * @param config the TLS settings
     * @return an initialised context
     * @throws ServerStartupException if the key material or CA file is unusable
     */
    public static SSLContext sslContext(TlsConfig config) throws ServerStartupException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            Path storePath = config.keyStore();
            if (storePath != null) {
                char[] password = chars(config.keyStorePassword());
                keys.init(loadKeyStore(storePath, password), password);
            } else {
                keys.init(pemKeyStore(config), IN_MEMORY_PASSWORD);
            }
            Path caCerts = config.caCerts();
            TrustManager[] trust = caCerts == null ? null : trustManagers(caCerts);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust, null);
            return context;
        } catch (IOException e) {
            throw new ServerStartupException("TLS setup failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ServerStartupException("TLS setup failed: " + e, e);
        }
    }

    private static KeyStore loadKeyStore(Path path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(path.toFile(), password);
        } catch (IOException e) {
            throw new IOException("cannot open key store " + path + ": " + e.getMessage()
                    + (e.getCause() != null ? " (is --ssl-keystore-password right?)" : ""), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open key store " + path + ": " + e.getMessage() + " (expected PKCS#12)", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot open key store " + path + ": no such file", e);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return store;
            }
        }
        throw new IOException("key store " + path + " holds no private key entry (only certificates)");
    }

    private static KeyStore pemKeyStore(TlsConfig config) throws IOException, GeneralSecurityException {
        Path certFile = config.certFile();
        assert certFile != null : "TlsConfig checks certFile or keyStore";
        List<PemFile.Block> certBlocks = PemFile.read(certFile);
        List<X509Certificate> chain = certificates(certBlocks, certFile);
        Path keyFile = config.keyFile() != null ? config.keyFile() : certFile;
        List<PemFile.Block> keyBlocks = keyFile.equals(certFile) ? certBlocks : PemFile.read(keyFile);
        PrivateKey key = PrivateKeyReader.read(keyBlocks, keyFile, config.keyPassword() == null ? null
                : config.keyPassword().toCharArray());
        checkPair(key, chain.get(0).getPublicKey(), keyFile, certFile);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
        return store;
    }

    private static TrustManager[] trustManagers(Path caCerts) throws IOException, GeneralSecurityException {
        List<X509Certificate> cas = certificates(PemFile.read(caCerts), caCerts);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static List<X509Certificate> certificates(List<PemFile.Block> blocks, Path source)
            throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemFile.Block block : blocks) {
            if (block.label().equals("CERTIFICATE") || block.label().equals("TRUSTED CERTIFICATE")) {
                try {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                } catch (GeneralSecurityException e) {
                    throw new IOException(source + ": certificate " + (certificates.size() + 1) + " is invalid: "
                            + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException(source + " holds no PEM 'CERTIFICATE' block");
        }
        return certificates;
    }

    /** Signs and verifies a probe, so a key that is not the certificate's fails here rather than in every handshake. */
    private static void checkPair(PrivateKey key, PublicKey certificateKey, Path keyFile, Path certFile)
            throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null; // RSASSA-PSS needs parameters; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "jvicorn key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IOException("the private key in " + keyFile + " does not belong to the first certificate in "
                    + certFile + " (the server's own certificate must come first, then its chain)");
        }
    }

    private static String[] checkedCiphers(SSLContext context, List<String> requested) throws ServerStartupException {
        Set<String> supported = new HashSet<>(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
        for (String suite : requested) {
            if (!supported.contains(suite)) {
                String hint = suite.contains("-") || suite.contains(":") || suite.contains("!")
                        ? " (OpenSSL cipher strings are not understood: use IANA names such as "
                        + "TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, or 'default')"
                        : " (this JVM supports: " + String.join(",", supported.stream().sorted().toList()) + ")";
                throw new ServerStartupException("TLS setup failed: unknown cipher suite '" + suite
                        + "' in --ssl-ciphers" + hint, null);
            }
        }
        return requested.toArray(new String[0]);
    }

    /**
     * The JVM's default parameters list only the versions it has enabled (jdk.tls.disabledAlgorithms and
     * jdk.tls.server.protocols already applied), so a version missing there would fail every handshake.
     */
    private static String[] checkedProtocols(SSLParameters defaults, TlsConfig.Protocols protocols)
            throws ServerStartupException {
        List<String> enabled = Arrays.asList(defaults.getProtocols());
        for (String name : protocols.jsseNames()) {
            if (!enabled.contains(name)) {
                throw new ServerStartupException("TLS setup failed: --ssl-version asks for " + name + ", which this "
                        + "JVM has disabled (it enables " + String.join(", ", enabled) + "; see "
                        + "jdk.tls.disabledAlgorithms in the JDK's conf/security/java.security and the "
                        + "jdk.tls.server.protocols system property)", null);
            }
        }
        return protocols.jsseNames().toArray(new String[0]);
    }

    private static char[] chars(@Nullable String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
