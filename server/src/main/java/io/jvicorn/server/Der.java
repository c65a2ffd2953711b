package io.jvicorn.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** The little DER (X.690) needed to wrap PKCS#1 and SEC1 private keys into PKCS#8. */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0] EXPLICIT}, constructed, as in SEC1's {@code parameters}. */
    static final int CONTEXT_0 = 0xA0;

    /** rsaEncryption, 1.2.840.113549.1.1.1. */
    static final byte[] RSA_ENCRYPTION = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    static final byte[] EC_PUBLIC_KEY = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Der() {
    }

    /**
     * One element.
     *
     * @param tag     the identifier octet
     * @param bytes   the whole encoding this element lives in
     * @param start   where the element's own encoding (tag first) starts
     * @param content where its content starts
     * @param end     where it ends
     */
    record Element(int tag, byte[] bytes, int start, int content, int end) {
        byte[] encoded() {
            return Arrays.copyOfRange(bytes, start, end);
        }

        byte[] contentBytes() {
            return Arrays.copyOfRange(bytes, content, end);
        }
    }

    /**
     * Reads the element at {@code offset}.
     *
     * @throws IOException if it is truncated or uses an indefinite or oversized length
     */
    static Element read(byte[] der, int offset, int limit) throws IOException {
        if (offset + 2 > limit) {
            throw new IOException("truncated DER");
        }
        int tag = der[offset] & 0xFF;
        int first = der[offset + 1] & 0xFF;
        int pos = offset + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4 || pos + count > limit) {
                throw new IOException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[pos++] & 0xFF);
            }
        }
        if (pos + length > limit) {
            throw new IOException("truncated DER");
        }
        return new Element(tag, der, offset, pos, (int) (pos + length));
    }

    /**
     * The {@code [0]} child of a sequence holding an OBJECT IDENTIFIER, as SEC1's {@code ECPrivateKey} carries its curve.
     *
     * @return the OID's encoding (tag, length, value), or null if absent
     */
    static byte @Nullable [] explicitOid(byte[] sequence) throws IOException {
        Element outer = read(sequence, 0, sequence.length);
        if (outer.tag() != SEQUENCE) {
            throw new IOException("not a DER SEQUENCE");
        }
        int pos = outer.content();
        while (pos < outer.end()) {
            Element child = read(sequence, pos, outer.end());
            if (child.tag() == CONTEXT_0) {
                Element oid = read(sequence, child.content(), child.end());
                return oid.tag() == OBJECT_IDENTIFIER ? oid.encoded() : null;
            }
            pos = child.end();
        }
        return null;
    }

    /** @return a PKCS#8 {@code PrivateKeyInfo} of version 0 holding {@code key} under {@code algorithm} */
    static byte[] privateKeyInfo(byte[] algorithmOid, byte[] parametersEncoded, byte[] key) {
        return tlv(SEQUENCE, tlv(INTEGER, new byte[] {0}),
                tlv(SEQUENCE, tlv(OBJECT_IDENTIFIER, algorithmOid), parametersEncoded),
                tlv(OCTET_STRING, key));
    }

    /** @return DER NULL */
    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    /** @return the encoding of one element with the given tag whose content is the concatenation of {@code parts} */
    static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
