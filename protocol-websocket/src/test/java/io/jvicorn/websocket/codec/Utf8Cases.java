package io.jvicorn.websocket.codec;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * UTF-8 samples in the spirit of Markus Kuhn's stress test (Autobahn 6.5-6.23): boundary code points, truncations,
 * impossible bytes, overlong forms, surrogates. Each row: name, hex bytes, whether valid, and whether an invalid
 * sample can be rejected before its last byte (a truncated sequence only fails at the end of the message).
 */
final class Utf8Cases {

    private Utf8Cases() {
    }

    static Stream<Arguments> all() {
        return Stream.of(
                valid("kosme (Greek)", "ce ba e1 bd b9 cf 83 ce bc ce b5"),
                valid("U+0000", "00"),
                valid("U+007F", "7f"),
                valid("U+0080", "c2 80"),
                valid("U+07FF", "df bf"),
                valid("U+0800", "e0 a0 80"),
                valid("U+D7FF, last before surrogates", "ed 9f bf"),
                valid("U+E000, first after surrogates", "ee 80 80"),
                valid("U+FDD0 noncharacter", "ef b7 90"),
                valid("U+FFFD", "ef bf bd"),
                valid("U+FFFE noncharacter", "ef bf be"),
                valid("U+FFFF noncharacter", "ef bf bf"),
                valid("U+10000", "f0 90 80 80"),
                valid("U+1FFFF", "f0 9f bf bf"),
                valid("U+10FFFF, the last code point", "f4 8f bf bf"),
                valid("mixed scripts", "48 c3 a9 e2 82 ac f0 9f 98 80 21"),
                invalid("U+110000, beyond Unicode", "f4 90 80 80", true),
                invalid("F5 lead byte", "f5 80 80 80", true),
                invalid("lone continuation 80", "80", true),
                invalid("lone continuation BF", "bf", true),
                invalid("continuation pair", "80 bf", true),
                invalid("continuation run", "80 bf 80 bf 80 bf", true),
                invalid("C0 then space", "c0 20", true),
                invalid("E0 then space", "e0 20", true),
                invalid("F0 then space", "f0 20", true),
                invalid("F8 then space", "f8 20", true),
                invalid("FC then space", "fc 20", true),
                invalid("truncated 2-byte", "c2", false),
                invalid("truncated 2-byte DF", "df", false),
                invalid("truncated 3-byte", "e0 a0", false),
                invalid("truncated 3-byte EF BF", "ef bf", false),
                invalid("truncated 4-byte", "f0 90 80", false),
                invalid("truncated 4-byte F4", "f4 8f bf", false),
                invalid("text then truncated 3-byte", "61 62 63 e2 82", false),
                invalid("byte FE", "fe", true),
                invalid("byte FF", "ff", true),
                invalid("FE FE FF FF", "fe fe ff ff", true),
                invalid("5-byte form", "f8 88 80 80 80", true),
                invalid("6-byte form", "fc 84 80 80 80 80", true),
                invalid("overlong / in 2 bytes", "c0 af", true),
                invalid("overlong / in 3 bytes", "e0 80 af", true),
                invalid("overlong / in 4 bytes", "f0 80 80 af", true),
                invalid("overlong / in 5 bytes", "f8 80 80 80 af", true),
                invalid("largest overlong 2-byte", "c1 bf", true),
                invalid("largest overlong 3-byte", "e0 9f bf", true),
                invalid("largest overlong 4-byte", "f0 8f bf bf", true),
                invalid("overlong NUL", "c0 80", true),
                invalid("overlong NUL in 3 bytes", "e0 80 80", true),
                invalid("surrogate U+D800", "ed a0 80", true),
                invalid("surrogate U+DB7F", "ed ad bf", true),
                invalid("surrogate U+DB80", "ed ae 80", true),
                invalid("surrogate U+DBFF", "ed af bf", true),
                invalid("surrogate U+DC00", "ed b0 80", true),
                invalid("surrogate U+DF80", "ed be 80", true),
                invalid("surrogate U+DFFF", "ed bf bf", true),
                invalid("surrogate pair D800 DC00", "ed a0 80 ed b0 80", true),
                invalid("surrogate pair DBFF DFFF", "ed af bf ed bf bf", true),
                invalid("kosme then surrogate then text",
                        "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64", true),
                invalid("valid text then 5-byte form", "68 65 6c 6c 6f f8 88 80 80 80", true));
    }

    private static Arguments valid(String name, String hex) {
        return Arguments.of(name, Frames.hex(hex), true, false);
    }

    private static Arguments invalid(String name, String hex, boolean rejectedEarly) {
        return Arguments.of(name, Frames.hex(hex), false, rejectedEarly);
    }
}
