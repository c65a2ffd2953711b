package io.jvicorn.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for TLS tests, made by the JDK's {@code keytool} (a self-signed server certificate for localhost and
 * 127.0.0.1, and a self-signed client certificate), exported to PEM; the private keys, which keytool cannot export,
 * are read from the PKCS#12 files and written as PEM here.
 */
public record KeyMaterial(Path dir, Path serverKeyStore, Path serverCert, Path serverKey, Path clientKeyStore,
                   Path clientCert, Path clientKey) {
    static final String STORE_PASSWORD = "changeit";
    private static final Base64.Encoder PEM = Base64.getMimeEncoder(64, new byte[] {'\n'});

    /** Generated on first use, once per test JVM: keytool takes seconds, and no test changes the files. */
    private static @org.jspecify.annotations.Nullable KeyMaterial shared;

    /**
     * The test JVM's key material, in a temporary directory removed at exit.
     *
     * @return the certificates and keys
     */
    public static synchronized KeyMaterial shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("jvicorn-tls-test-");
                shared = generate(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot generate test certificates with keytool", e);
            }
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary directory; the system cleans it up eventually
        }
    }

    static KeyMaterial generate(Path dir) throws Exception {
        Path serverStore = dir.resolve("server.p12");
        Path clientStore = dir.resolve("client.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", serverStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=test client,O=jvicorn", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", clientStore.toString(), "-storepass", STORE_PASSWORD);
        Path serverCert = dir.resolve("server-cert.pem");
        Path clientCert = dir.resolve("client-cert.pem");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverStore.toString(),
                "-storepass", STORE_PASSWORD, "-file", serverCert.toString());
        keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", clientStore.toString(),
                "-storepass", STORE_PASSWORD, "-file", clientCert.toString());
        Path serverKey = dir.resolve("server-key.pem");
        Path clientKey = dir.resolve("client-key.pem");
        Files.writeString(serverKey, pem("PRIVATE KEY", privateKey(serverStore, "server").getEncoded()));
        Files.writeString(clientKey, pem("PRIVATE KEY", privateKey(clientStore, "client").getEncoded()));
        return new KeyMaterial(dir, serverStore, serverCert, serverKey, clientStore, clientCert, clientKey);
    }

    /** The server key as encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC, as OpenSSL 3 writes it). */
    Path encryptedServerKey(String password) throws Exception {
        return encryptedServerKey(password, 2048);
    }

    /** As {@link #encryptedServerKey(String)}, with {@code iterations} of PBKDF2. */
    Path encryptedServerKey(String password, int iterations) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray())),
                new PBEParameterSpec(salt, iterations, new IvParameterSpec(iv)));
        byte[] encrypted = cipher.doFinal(privateKey(serverKeyStore, "server").getEncoded());
        // EncryptedPrivateKeyInfo knows the scheme by its PKCS#5 name, PBES2, not by the cipher's.
        AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
        pbes2.init(cipher.getParameters().getEncoded());
        byte[] der = new EncryptedPrivateKeyInfo(pbes2, encrypted).getEncoded();
        Path file = dir.resolve("server-key-encrypted-" + iterations + ".pem");
        Files.writeString(file, pem("ENCRYPTED PRIVATE KEY", der));
        return file;
    }

    /** One file with the certificate and then the key, as Uvicorn's certfile may be. */
    public Path serverCertAndKey() throws IOException {
        Path file = dir.resolve("server-combined.pem");
        Files.writeString(file, Files.readString(serverCert) + Files.readString(serverKey));
        return file;
    }

    X509Certificate serverCertificate() throws Exception {
        return certificate(serverCert);
    }

    /** A client context that trusts the server certificate and, if {@code withClientCert}, presents the client's. */
    public SSLContext clientContext(boolean withClientCert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCert) {
            kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(KeyStore.getInstance(clientKeyStore.toFile(), STORE_PASSWORD.toCharArray()),
                    STORE_PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + PEM.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static PrivateKey privateKey(Path store, String alias) throws Exception {
        KeyStore keyStore = KeyStore.getInstance(store.toFile(), STORE_PASSWORD.toCharArray());
        return (PrivateKey) keyStore.getKey(alias, STORE_PASSWORD.toCharArray());
    }

    static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        run(command);
    }

    /** Runs a command to completion; fails with its output if it exits non-zero. */
    static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = output.toString(StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + text);
        }
        return text;
    }
}
