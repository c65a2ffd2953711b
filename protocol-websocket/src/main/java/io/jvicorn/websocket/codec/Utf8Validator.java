package io.jvicorn.websocket.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Incremental UTF-8 validation with a deterministic automaton in the style of Bjoern Hoehrmann's decoder: each byte
 * maps to a class, and (state, class) to the next state. State survives between calls, so a code point may be split
 * across frames or reads, and an invalid byte is reported as soon as it arrives.
 *
 * <p>The tables are built from the RFC 3629 §4 grammar, which excludes overlong forms, surrogates (ED A0..BF) and
 * code points above U+10FFFF.
 */
final class Utf8Validator {

    // Byte classes: the continuation range is split where the lead bytes E0, ED, F0 and F4 restrict their next byte.
    private static final int ASCII = 0;
    private static final int CONT_80_8F = 1;
    private static final int CONT_90_9F = 2;
    private static final int CONT_A0_BF = 3;
    private static final int NEVER_VALID = 4; // C0, C1, F5..FF
    private static final int LEAD_TWO = 5; // C2..DF
    private static final int LEAD_E0 = 6;
    private static final int LEAD_THREE = 7; // E1..EC, EE..EF
    private static final int LEAD_ED = 8;
    private static final int LEAD_F0 = 9;
    private static final int LEAD_FOUR = 10; // F1..F3
    private static final int LEAD_F4 = 11;
    private static final int CLASS_COUNT = 12;

    // States, stored premultiplied by CLASS_COUNT so that a transition is one add and one load.
    private static final int ACCEPT = 0;
    private static final int REJECT = CLASS_COUNT;
    private static final int NEED_ONE = 2 * CLASS_COUNT;
    private static final int NEED_TWO = 3 * CLASS_COUNT;
    private static final int NEED_THREE = 4 * CLASS_COUNT;
    private static final int AFTER_E0 = 5 * CLASS_COUNT; // next must be A0..BF (no overlong 3-byte form)
    private static final int AFTER_ED = 6 * CLASS_COUNT; // next must be 80..9F (no surrogates)
    private static final int AFTER_F0 = 7 * CLASS_COUNT; // next must be 90..BF (no overlong 4-byte form)
    private static final int AFTER_F4 = 8 * CLASS_COUNT; // next must be 80..8F (nothing above U+10FFFF)
    private static final int STATE_COUNT = 9;

    private static final byte[] CLASSES = new byte[256];
    private static final byte[] TRANSITIONS = new byte[STATE_COUNT * CLASS_COUNT];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    static {
        fill(0x00, 0x7F, ASCII);
        fill(0x80, 0x8F, CONT_80_8F);
        fill(0x90, 0x9F, CONT_90_9F);
        fill(0xA0, 0xBF, CONT_A0_BF);
        fill(0xC0, 0xC1, NEVER_VALID);
        fill(0xC2, 0xDF, LEAD_TWO);
        fill(0xE0, 0xE0, LEAD_E0);
        fill(0xE1, 0xEC, LEAD_THREE);
        fill(0xED, 0xED, LEAD_ED);
        fill(0xEE, 0xEF, LEAD_THREE);
        fill(0xF0, 0xF0, LEAD_F0);
        fill(0xF1, 0xF3, LEAD_FOUR);
        fill(0xF4, 0xF4, LEAD_F4);
        fill(0xF5, 0xFF, NEVER_VALID);

        Arrays.fill(TRANSITIONS, (byte) REJECT);
        go(ACCEPT, ASCII, ACCEPT);
        go(ACCEPT, LEAD_TWO, NEED_ONE);
        go(ACCEPT, LEAD_E0, AFTER_E0);
        go(ACCEPT, LEAD_THREE, NEED_TWO);
        go(ACCEPT, LEAD_ED, AFTER_ED);
        go(ACCEPT, LEAD_F0, AFTER_F0);
        go(ACCEPT, LEAD_FOUR, NEED_THREE);
        go(ACCEPT, LEAD_F4, AFTER_F4);
        for (int cont : new int[] {CONT_80_8F, CONT_90_9F, CONT_A0_BF}) {
            go(NEED_ONE, cont, ACCEPT);
            go(NEED_TWO, cont, NEED_ONE);
            go(NEED_THREE, cont, NEED_TWO);
        }
        go(AFTER_E0, CONT_A0_BF, NEED_ONE);
        go(AFTER_ED, CONT_80_8F, NEED_ONE);
        go(AFTER_ED, CONT_90_9F, NEED_ONE);
        go(AFTER_F0, CONT_90_9F, NEED_TWO);
        go(AFTER_F0, CONT_A0_BF, NEED_TWO);
        go(AFTER_F4, CONT_80_8F, NEED_TWO);
    }

    private static void fill(int from, int to, int byteClass) {
        for (int b = from; b <= to; b++) {
            CLASSES[b] = (byte) byteClass;
        }
    }

    private static void go(int state, int byteClass, int next) {
        TRANSITIONS[state + byteClass] = (byte) next;
    }

    private int state = ACCEPT;

    /**
     * Feeds more bytes of the same text.
     *
     * @param bytes  the array
     * @param offset the first byte
     * @param length how many bytes
     * @return false if the text is invalid (now or earlier); it stays invalid until {@link #reset()}
     */
    boolean feed(byte[] bytes, int offset, int length) {
        int s = state;
        int i = offset;
        int end = offset + length;
        while (i < end && s != REJECT) {
            if (s == ACCEPT) {
                // Between code points, skip ASCII eight bytes at a time: the common case for JSON and plain text.
                while (i + Long.BYTES <= end && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
                if (i == end) {
                    break;
                }
            }
            s = TRANSITIONS[s + CLASSES[bytes[i] & 0xFF]];
            i++;
        }
        state = s;
        return s != REJECT;
    }

    /**
     * Whether the bytes fed so far end on a code point boundary (and are valid).
     *
     * @return true for a complete, valid text
     */
    boolean isComplete() {
        return state == ACCEPT;
    }

    /** Starts a new text. */
    void reset() {
        state = ACCEPT;
    }

    /**
     * Whether a complete byte range is valid UTF-8.
     *
     * @param bytes  the array
     * @param offset the first byte
     * @param length how many bytes
     * @return true if valid
     */
    static boolean isValid(byte[] bytes, int offset, int length) {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(bytes, offset, length) && validator.isComplete();
    }
}
