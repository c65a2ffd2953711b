package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jvicorn.fuzz.Splits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The table-driven {@link Utf8Validator} against two independent oracles: the JDK's strict UTF-8 decoder for the
 * verdict, and RFC 3629 §4's grammar written out plainly for where the first impossible byte is, since the validator
 * promises to reject a text as soon as that byte arrives (a WebSocket must fail fast, RFC 6455 §8.1).
 */
class Utf8ValidatorFuzzTest {

    @FuzzTest
    void agreesWithTheGrammarWhateverTheSplit(byte[] text) {
        int impossible = firstImpossibleByte(text);
        boolean valid = impossible < 0 && endsOnBoundary(text);
        assertEquals(jdkAccepts(text), valid, "the oracles disagree: the grammar below is wrong");
        assertEquals(valid, Utf8Validator.isValid(text, 0, text.length), "whole-text verdict");

        for (int[] plan : Splits.plans(text)) {
            Utf8Validator validator = new Utf8Validator();
            int from = 0;
            boolean ok = true;
            for (int to : plan) {
                boolean accepted = validator.feed(text, from, to - from);
                if (!ok) {
                    assertFalse(accepted, "a rejected text stays rejected");
                } else if (!accepted) {
                    assertTrue(impossible >= from && impossible < to,
                            "rejected in piece [" + from + ", " + to + ") but the first impossible byte is at "
                                    + impossible);
                } else {
                    assertTrue(impossible < 0 || impossible >= to, "accepted a piece holding impossible byte "
                            + impossible);
                }
                ok = accepted;
                from = to;
            }
            assertEquals(valid, ok && validator.isComplete(), "verdict after pieces ending at " + from);
        }
    }

    /** The index of the first byte that no valid UTF-8 text can have at its place, or -1. */
    static int firstImpossibleByte(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (lead < 0x80) {
                i++;
                continue;
            } else if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
            } else if (lead == 0xE0) {
                need = 2;
                lo = 0xA0; // no overlong three-byte form
            } else if (lead == 0xED) {
                need = 2;
                hi = 0x9F; // no surrogates
            } else if (lead >= 0xE1 && lead <= 0xEF) {
                need = 2;
            } else if (lead == 0xF0) {
                need = 3;
                lo = 0x90; // no overlong four-byte form
            } else if (lead >= 0xF1 && lead <= 0xF3) {
                need = 3;
            } else if (lead == 0xF4) {
                need = 3;
                hi = 0x8F; // nothing above U+10FFFF
            } else {
                return i; // 80..C1 as a lead byte, F5..FF anywhere
            }
            i++;
            for (int k = 0; k < need; k++, i++) {
                if (i == b.length) {
                    return -1; // cut short, but still the start of a valid text
                }
                int c = b[i] & 0xFF;
                if (c < lo || c > hi) {
                    return i;
                }
                lo = 0x80;
                hi = 0xBF;
            }
        }
        return -1;
    }

    /** Whether a text free of impossible bytes ends with its last code point complete. */
    private static boolean endsOnBoundary(byte[] b) {
        int i = b.length - 1;
        int continuations = 0;
        while (i >= 0 && (b[i] & 0xC0) == 0x80 && continuations < 3) {
            continuations++;
            i--;
        }
        if (i < 0) {
            return continuations == 0;
        }
        int lead = b[i] & 0xFF;
        int need = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
        return need == continuations;
    }

    private static boolean jdkAccepts(byte[] text) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
