package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The UTF-8 automaton agrees with the JDK's strict decoder and keeps its state across splits. */
class Utf8ValidatorTest {

    private final CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private boolean jdkAccepts(byte[] bytes) {
        try {
            jdk.reset().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void check(byte[] bytes) {
        boolean expected = jdkAccepts(bytes);
        if (Utf8Validator.isValid(bytes, 0, bytes.length) != expected) {
            fail(Frames.toHex(bytes) + " should be " + (expected ? "valid" : "invalid"));
        }
    }

    @Test
    void agreesWithJdkOnEveryOneAndTwoByteSequence() {
        for (int a = 0; a < 256; a++) {
            byte[] one = {(byte) a};
            check(one);
            for (int b = 0; b < 256; b++) {
                byte[] two = {(byte) a, (byte) b};
                check(two);
            }
        }
    }

    /** One byte from each side of every class boundary of the automaton, for the positions not enumerated. */
    private static final int[] BOUNDARIES = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
        0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

    @Test
    void agreesWithJdkOnThreeByteSequences() {
        byte[] three = new byte[3];
        for (int a = 0xC0; a <= 0xFF; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : BOUNDARIES) {
                    three[0] = (byte) a;
                    three[1] = (byte) b;
                    three[2] = (byte) c;
                    check(three);
                }
            }
        }
    }

    @Test
    void agreesWithJdkOnFourByteSequences() {
        int[] tails = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
        // Every lead and second byte; third and fourth from either side of the continuation range.
        byte[] four = new byte[4];
        for (int a = 0xF0; a <= 0xFF; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : tails) {
                    for (int d : tails) {
                        four[0] = (byte) a;
                        four[1] = (byte) b;
                        four[2] = (byte) c;
                        four[3] = (byte) d;
                        check(four);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jvicorn.websocket.codec.Utf8Cases#all")
    void sampleAgreesWithJdkWholeAndByteByByte(String name, byte[] bytes, boolean valid, boolean rejectedEarly) {
        assertEquals(valid, jdkAccepts(bytes), "the sample table itself");
        assertEquals(valid, Utf8Validator.isValid(bytes, 0, bytes.length));
        Utf8Validator validator = new Utf8Validator();
        boolean ok = true;
        for (int i = 0; i < bytes.length; i++) {
            ok = validator.feed(bytes, i, 1);
        }
        assertEquals(valid, ok && validator.isComplete());
        assertEquals(!rejectedEarly, ok, "rejected as soon as the bad byte arrives");
    }

    @Test
    void asciiFastPathStopsAtTheFirstHighByte() {
        byte[] text = Frames.utf8("0123456789abcdef0123456789abcdef");
        text[21] = (byte) 0xFF;
        assertFalse(Utf8Validator.isValid(text, 0, text.length));
        assertTrue(Utf8Validator.isValid(text, 0, 21));
        byte[] split = Frames.utf8("abcdefghijklmn\u20ac");
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(split, 0, split.length - 1));
        assertFalse(validator.isComplete(), "the euro sign is one byte short");
        assertTrue(validator.feed(split, split.length - 1, 1));
        assertTrue(validator.isComplete());
    }

    @Test
    void rejectionIsSticky() {
        Utf8Validator validator = new Utf8Validator();
        assertFalse(validator.feed(new byte[] {(byte) 0xFF}, 0, 1));
        assertFalse(validator.feed(Frames.utf8("abc"), 0, 3));
        validator.reset();
        assertTrue(validator.feed(Frames.utf8("abc"), 0, 3));
    }
}
