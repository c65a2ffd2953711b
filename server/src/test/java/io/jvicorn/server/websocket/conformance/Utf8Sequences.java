package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.hex;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte sequences of Autobahn's generated cases 6.5 to 6.23, which follow Markus Kuhn's UTF-8 decoder stress test:
 * 19 groups, 132 sequences, each marked valid or not by RFC 3629.
 */
final class Utf8Sequences {
    /** "κόσμε": Greek, with 2- and 3-byte code points. */
    static final byte[] KOSME = hex("ce ba e1 bd b9 cf 83 ce bc ce b5");

    /** One sequence and whether it is valid UTF-8. */
    record Sequence(boolean valid, byte[] bytes) {
    }

    /** A group of sequences; group {@code i} (from 0) holds the cases 6.(i+5).x. */
    record Group(String title, List<Sequence> sequences) {
    }

    private Utf8Sequences() {
    }

    static List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        groups.add(group("Some valid UTF-8 sequences",
                valid(utf8("hello$world")), valid(utf8("hello\u00A2world")), valid(utf8("hello\u20ACworld")),
                valid(utf8("hello\uD852\uDF62world")), valid(KOSME)));

        List<Sequence> prefixes = new ArrayList<>();
        for (int i = 1; i <= KOSME.length; i++) {
            byte[] prefix = java.util.Arrays.copyOf(KOSME, i);
            // Every prefix ends on a code point boundary exactly after 2, 5, 7, 9 and 11 bytes.
            prefixes.add(new Sequence(i == 2 || i == 5 || i == 7 || i == 9 || i == 11, prefix));
        }
        groups.add(new Group("All prefixes of a valid UTF-8 string that contains multi-byte code points",
                prefixes));

        groups.add(group("First possible sequence of a certain length",
                valid("00"), valid("c2 80"), valid("e0 a0 80"), valid("f0 90 80 80")));
        groups.add(group("First possible sequence length 5/6 (invalid code points)",
                invalid("f8 88 80 80 80"), invalid("fc 84 80 80 80 80")));
        groups.add(group("Last possible sequence of a certain length",
                valid("7f"), valid("df bf"), valid("ef bf bf"), valid("f4 8f bf bf")));
        groups.add(group("Last possible sequence length 4/5/6 (invalid code points)",
                invalid("f7 bf bf bf"), invalid("fb bf bf bf bf"), invalid("fd bf bf bf bf bf")));
        groups.add(group("Other boundary conditions",
                valid("ed 9f bf"), valid("ee 80 80"), valid("ef bf bd"), valid("f4 8f bf bf"),
                invalid("f4 90 80 80")));

        ByteArrayOutputStream allContinuations = new ByteArrayOutputStream();
        for (int b = 0x80; b < 0xBF; b++) {
            allContinuations.write(b);
        }
        groups.add(group("Unexpected continuation bytes",
                invalid("80"), invalid("bf"), invalid("80 bf"), invalid("80 bf 80"), invalid("80 bf 80 bf"),
                invalid("80 bf 80 bf 80"), invalid("80 bf 80 bf 80 bf"),
                new Sequence(false, allContinuations.toByteArray())));

        List<Sequence> lonely = new ArrayList<>();
        for (int[] range : new int[][] {{0xC0, 0xDF}, {0xE0, 0xEF}, {0xF0, 0xF7}, {0xF8, 0xFB}, {0xFC, 0xFD}}) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            for (int b = range[0]; b < range[1]; b++) {
                s.write(b);
                s.write(0x20);
            }
            lonely.add(new Sequence(false, s.toByteArray()));
        }
        groups.add(new Group("Lonely start characters", lonely));

        String[] lastMissing = {"c0", "e0 80", "f0 80 80", "f8 80 80 80", "fc 80 80 80 80",
            "df", "ef bf", "f7 bf bf", "fb bf bf bf", "fd bf bf bf bf"};
        List<Sequence> missing = new ArrayList<>();
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (String s : lastMissing) {
            missing.add(invalid(s));
            concatenated.writeBytes(hex(s));
        }
        groups.add(new Group("Sequences with last continuation byte missing", missing));
        groups.add(group("Concatenation of incomplete sequences", new Sequence(false, concatenated.toByteArray())));

        groups.add(group("Impossible bytes", invalid("fe"), invalid("ff"), invalid("fe fe ff ff")));
        groups.add(group("Examples of an overlong ASCII character",
                invalid("c0 af"), invalid("e0 80 af"), invalid("f0 80 80 af"), invalid("f8 80 80 80 af"),
                invalid("fc 80 80 80 80 af")));
        groups.add(group("Maximum overlong sequences",
                invalid("c1 bf"), invalid("e0 9f bf"), invalid("f0 8f bf bf"), invalid("f8 87 bf bf bf"),
                invalid("fc 83 bf bf bf bf")));
        groups.add(group("Overlong representation of the NUL character",
                invalid("c0 80"), invalid("e0 80 80"), invalid("f0 80 80 80"), invalid("f8 80 80 80 80"),
                invalid("fc 80 80 80 80 80")));
        groups.add(group("Single UTF-16 surrogates",
                invalid("ed a0 80"), invalid("ed ad bf"), invalid("ed ae 80"), invalid("ed af bf"),
                invalid("ed b0 80"), invalid("ed be 80"), invalid("ed bf bf")));
        groups.add(group("Paired UTF-16 surrogates",
                invalid("ed a0 80 ed b0 80"), invalid("ed a0 80 ed bf bf"), invalid("ed ad bf ed b0 80"),
                invalid("ed ad bf ed bf bf"), invalid("ed ae 80 ed b0 80"), invalid("ed ae 80 ed bf bf"),
                invalid("ed af bf ed b0 80"), invalid("ed af bf ed bf bf")));

        List<Sequence> nonCharacters = new ArrayList<>(List.of(valid("ef bf be"), valid("ef bf bf")));
        for (int lead = 0xF0; lead <= 0xF4; lead++) {
            for (int second : new int[] {0x8F, 0x9F, 0xAF, 0xBF}) {
                boolean overlong = lead == 0xF0 && second == 0x8F;
                boolean tooHigh = lead == 0xF4 && second != 0x8F;
                if (!overlong && !tooHigh) {
                    for (int last : new int[] {0xBE, 0xBF}) {
                        nonCharacters.add(new Sequence(true,
                                new byte[] {(byte) lead, (byte) second, (byte) 0xBF, (byte) last}));
                    }
                }
            }
        }
        groups.add(new Group("Non-character code points (valid UTF-8)", nonCharacters));
        groups.add(group("Unicode specials (i.e. replacement char)",
                valid("ef bf b9"), valid("ef bf ba"), valid("ef bf bb"), valid("ef bf bc"), valid("ef bf bd"),
                valid("ef bf be"), valid("ef bf bf")));
        return groups;
    }

    private static Group group(String title, Sequence... sequences) {
        return new Group(title, List.of(sequences));
    }

    private static Sequence valid(String hex) {
        return new Sequence(true, hex(hex));
    }

    private static Sequence valid(byte[] bytes) {
        return new Sequence(true, bytes);
    }

    private static Sequence invalid(String hex) {
        return new Sequence(false, hex(hex));
    }
}
