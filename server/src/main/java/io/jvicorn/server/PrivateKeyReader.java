package io.jvicorn.server;

import java.io.IOException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * Reads a private key from PEM blocks: PKCS#8 ({@code PRIVATE KEY}), password-encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}, as {@code openssl pkcs8 -topk8} writes it), and the OpenSSL "traditional" PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) forms, which are wrapped into PKCS#8 here. Traditional
 * forms encrypted with {@code Proc-Type: 4,ENCRYPTED} are refused with the command that converts them.
 */
final class PrivateKeyReader {
    /** The most PBKDF2 iterations an encrypted key may ask for ({@link #refuseCostlyKeyDerivation}). */
    static final int MAX_KEY_DERIVATION_ITERATIONS = 1_000_000;

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS8_ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    private static final String PKCS1_RSA = "RSA PRIVATE KEY";
    private static final String SEC1_EC = "EC PRIVATE KEY";
    private static final String EC_PARAMETERS = "EC PARAMETERS";
    private static final Set<String> KEY_LABELS = Set.of(PKCS8, PKCS8_ENCRYPTED, PKCS1_RSA, SEC1_EC,
            "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY");
    /** Tried in turn: a PKCS#8 blob names its algorithm by OID, which these factories check. */
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");

    private PrivateKeyReader() {
    }

    /** @return whether the block is a private key of some kind */
    static boolean isKey(PemFile.Block block) {
        return KEY_LABELS.contains(block.label());
    }

    /**
     * Decodes the first private key among {@code blocks}.
     *
     * @param blocks   the file's blocks
     * @param source   the file, for messages
     * @param password the password of an encrypted key, or null
     * @return the key
     * @throws IOException with a message for the user if there is no usable key
     */
    static PrivateKey read(List<PemFile.Block> blocks, Path source, char @Nullable [] password) throws IOException {
        PemFile.Block previous = null;
        for (PemFile.Block block : blocks) {
            if (isKey(block)) {
                return decode(block, previous, source, password);
            }
            previous = block;
        }
        throw new IOException(source + " holds no private key (expected a PEM block 'PRIVATE KEY', "
                + "'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY')");
    }

    private static PrivateKey decode(PemFile.Block block, PemFile.@Nullable Block previous, Path source,
                                     char @Nullable [] password) throws IOException {
        byte[] pkcs8 = switch (block.label()) {
            case PKCS8 -> block.der();
            case PKCS8_ENCRYPTED -> decrypt(block.der(), source, password);
            case PKCS1_RSA -> {
                refuseLegacyEncryption(block, source);
                yield Der.privateKeyInfo(Der.RSA_ENCRYPTION, Der.nullValue(), block.der());
            }
            case SEC1_EC -> {
                refuseLegacyEncryption(block, source);
                yield Der.privateKeyInfo(Der.EC_PUBLIC_KEY, curveOf(block, previous, source), block.der());
            }
            default -> throw new IOException(source + " holds a '" + block.label() + "' key, which jvicorn cannot "
                    + "read: convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + source
                    + " -out key.pem");
        };
        return toKey(pkcs8, source);
    }

    private static byte[] decrypt(byte[] der, Path source, char @Nullable [] password) throws IOException {
        if (password == null) {
            throw new IOException(source + " holds an encrypted private key: give its password with "
                    + "--ssl-keyfile-password");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            throw new IOException("the encrypted private key in " + source + " is malformed: " + e.getMessage(), e);
        }
        refuseCostlyKeyDerivation(info, source);
        String algorithm = info.getAlgName();
        SecretKey secret;
        Cipher cipher;
        try {
            secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
            cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
        } catch (GeneralSecurityException e) {
            throw new IOException("the private key in " + source + " is encrypted with " + algorithm + ", which this "
                    + "JVM does not support (" + e.getMessage() + "); re-encrypt it with: openssl pkcs8 -topk8 -v2 "
                    + "aes-256-cbc -in " + source + " -out key.pem", e);
        }
        try {
            return info.getKeySpec(cipher).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IOException("cannot decrypt the private key in " + source + ": is --ssl-keyfile-password right?",
                    e);
        }
    }

    /**
     * A password-based key may ask for any number of PBKDF2 iterations, and 2^31 of them keep start-up busy for hours (a
     * fuzzer found one). OpenSSL writes 2,048, OWASP asks for 600,000 at most; a million takes about a second here.
     */
    private static void refuseCostlyKeyDerivation(EncryptedPrivateKeyInfo info, Path source) throws IOException {
        AlgorithmParameters parameters = info.getAlgParameters();
        if (parameters == null) {
            return;
        }
        int iterations;
        try {
            iterations = parameters.getParameterSpec(PBEParameterSpec.class).getIterationCount();
        } catch (InvalidParameterSpecException e) {
            return; // not a password-based scheme this JVM reads: the cipher below says so
        }
        if (iterations > MAX_KEY_DERIVATION_ITERATIONS) {
            throw new IOException("the private key in " + source + " asks for " + iterations + " key-derivation "
                    + "iterations, more than the " + MAX_KEY_DERIVATION_ITERATIONS + " jvicorn accepts; re-encrypt it "
                    + "with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + source + " -out key.pem");
        }
    }

    private static void refuseLegacyEncryption(PemFile.Block block, Path source) throws IOException {
        if (block.isEncryptedLegacyKey()) {
            throw new IOException(source + " holds a private key encrypted in OpenSSL's legacy format (DEK-Info: "
                    + block.headers().getOrDefault("DEK-Info", "?") + "), which Java cannot read; convert it to "
                    + "encrypted PKCS#8 with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + source + " -out key.pem "
                    + "(it asks for the current password, then the new one)");
        }
    }

    /** SEC1 keys name their curve inside; else OpenSSL writes an {@code EC PARAMETERS} block just before. */
    private static byte[] curveOf(PemFile.Block block, PemFile.@Nullable Block previous, Path source)
            throws IOException {
        byte[] oid = Der.explicitOid(block.der());
        if (oid != null) {
            return oid;
        }
        if (previous != null && previous.label().equals(EC_PARAMETERS) && previous.der().length > 0
                && previous.der()[0] == Der.OBJECT_IDENTIFIER) {
            return previous.der();
        }
        throw new IOException("the EC private key in " + source + " does not name its curve; convert it to PKCS#8 "
                + "with: openssl pkcs8 -topk8 -nocrypt -in " + source + " -out key.pem");
    }

    private static PrivateKey toKey(byte[] pkcs8, Path source) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException("the private key in " + source + " is not an RSA, EC, EdDSA or DSA key Java can load");
    }
}
