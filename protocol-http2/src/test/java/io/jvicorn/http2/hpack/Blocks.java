package io.jvicorn.http2.hpack;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: hex blocks, decoding into a list, encoding a list, reading a dynamic table. */
final class Blocks {
    private Blocks() {
    }

    /** Bytes from hex, spaces allowed (the RFC's layout). */
    static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    static String hex(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The fields of a block as "name: value" strings. */
    static List<String> decode(HpackDecoder decoder, ByteBuffer block) throws HpackException {
        List<String> fields = new ArrayList<>();
        decoder.decode(block, (name, value) -> fields.add(name + ": " + value));
        return fields;
    }

    /** The entries of a table, newest first, as "name: value" strings. */
    static List<String> entries(DynamicTable table) {
        List<String> entries = new ArrayList<>();
        for (int i = 1; i <= table.length(); i++) {
            entries.add(table.name(i) + ": " + table.value(i));
        }
        return entries;
    }

    /** Encodes "name: value" fields (a {@code :status} through {@link HpackEncoder#status}), as hex. */
    static String encode(HpackEncoder encoder, List<String> fields) {
        ByteBuffer out = ByteBuffer.allocate(4096);
        for (String field : fields) {
            int colon = field.indexOf(": ");
            String name = field.substring(0, colon);
            String value = field.substring(colon + 2);
            if (name.equals(":status")) {
                encoder.status(Integer.parseInt(value), out);
            } else {
                encoder.field(name, value, name.equals("password"), out);
            }
        }
        return hex(out.flip());
    }
}
