package io.jvicorn.http2.hpack;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Encodes header blocks (RFC 7541 §6). One instance per connection, used by one thread at a time (blocks must be
 * encoded in the order they are sent, since the dynamic table is shared with the peer's decoder); that thread owns every
 * field here.
 *
 * <p>A field found whole in a table is sent as its index; a field worth remembering is sent as a literal added to the
 * dynamic table; others (values that change with each message, entries too large for the table) as literals without
 * indexing, and sensitive ones as never-indexed literals, which intermediaries must not index either. Each string is
 * Huffman-coded when that is shorter.
 */
public final class HpackEncoder {
    /** RFC 7541 §4.2 and RFC 9113 §6.5.2: the initial SETTINGS_HEADER_TABLE_SIZE. */
    public static final int DEFAULT_TABLE_SIZE = 4096;

    /** Fields whose values rarely repeat on a connection: indexing them would only evict useful entries. */
    private static final Set<String> NOT_INDEXED = Set.of(":path", "content-length", "content-range", "etag",
            "last-modified", "age", "expires", "if-modified-since", "if-none-match", "if-match",
            "if-unmodified-since", "if-range", "range", "referer");
    private static final int[] STATIC_STATUS_INDEX = new int[600];
    /** The {@code :status} entry of the static table, the name of literal statuses. */
    private static final int STATUS_NAME_INDEX = 8;
    private static final String[] STATUS_TEXT = new String[1000];

    static {
        for (int index = STATUS_NAME_INDEX; index <= 14; index++) {
            STATIC_STATUS_INDEX[Integer.parseInt(StaticTable.value(index))] = index;
        }
        for (int status = 100; status < STATUS_TEXT.length; status++) {
            STATUS_TEXT[status] = Integer.toString(status);
        }
    }

    private final DynamicTable table;
    /** Whether strings are Huffman-coded when that is no longer than sending them raw. */
    private final boolean huffman;
    /** The most this encoder uses of the table, whatever larger size the peer allows. */
    private final int ownLimit;
    /** The smallest table size since the last block, to be signalled first; -1 when no update is pending. */
    private int pendingLowest = -1;
    /** The table size to signal last, when an update is pending. */
    private int pendingFinal = -1;

    /** An encoder with the RFC's initial table size, 4096. */
    public HpackEncoder() {
        this(DEFAULT_TABLE_SIZE);
    }

    /**
     * An encoder that uses at most {@code ownLimit} bytes of dynamic table, however much the peer allows.
     *
     * @param ownLimit 0 (no dynamic table) or more; the table starts at the smaller of this and 4096, what the peer
     *                 allows until its SETTINGS says otherwise
     * @throws IllegalArgumentException when negative
     */
    public HpackEncoder(int ownLimit) {
        this(ownLimit, true);
    }

    /** With {@code huffman} false, every string goes raw (RFC 7541 Appendix C.3 and C.5 encode that way). */
    HpackEncoder(int ownLimit, boolean huffman) {
        this.huffman = huffman;
        if (ownLimit < 0) {
            throw new IllegalArgumentException("negative HPACK encoder table limit: " + ownLimit);
        }
        this.ownLimit = ownLimit;
        this.table = new DynamicTable(DEFAULT_TABLE_SIZE);
        if (ownLimit < DEFAULT_TABLE_SIZE) {
            pendingLowest = ownLimit;
            pendingFinal = ownLimit;
        }
    }

    /**
     * The peer's SETTINGS_HEADER_TABLE_SIZE changed: the next block starts with the size update(s) RFC 7541 §4.2
     * requires. Call it between blocks: the update is written by the next {@link #status} or {@link #field} call, which
     * must be the first of a block (so the next block must have a field: an empty one would leave the update owed).
     *
     * @param size the peer's new setting, 0 or more
     */
    public void peerMaxTableSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative SETTINGS_HEADER_TABLE_SIZE: " + size);
        }
        int used = Math.min(size, ownLimit);
        int current = pendingFinal >= 0 ? pendingFinal : table.maxSize();
        if (used == current) {
            return;
        }
        pendingLowest = pendingLowest < 0 ? used : Math.min(pendingLowest, used);
        pendingFinal = used;
    }

    /**
     * Encodes {@code :status} (static-table indexed for the common codes).
     *
     * @param status 100 to 999
     * @param out    room for {@link #maxEncodedLength(String, String)} of {@code :status} and three digits
     */
    public void status(int status, ByteBuffer out) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status outside 100..999: " + status);
        }
        writePendingUpdates(out);
        int index = status < STATIC_STATUS_INDEX.length ? STATIC_STATUS_INDEX[status] : 0;
        if (index != 0) {
            HpackInteger.encode(0x80, 7, index, out);
            return;
        }
        field(StaticTable.name(STATUS_NAME_INDEX), STATUS_TEXT[status], false, out);
    }

    /**
     * Encodes one field; the name is lowercase already. {@code sensitive} fields (authorization, cookies, set-cookie)
     * are never indexed.
     *
     * @param name      the field name, ISO-8859-1
     * @param value     the field value, ISO-8859-1
     * @param sensitive whether to send it as never indexed (RFC 7541 §7.1.3)
     * @param out       receives the bytes; the caller sizes it with {@link #maxEncodedLength(String, String)}
     * @throws IllegalArgumentException for a character above U+00FF
     */
    public void field(String name, String value, boolean sensitive, ByteBuffer out) {
        writePendingUpdates(out);
        int staticName = StaticTable.nameIndex(name);
        if (sensitive) {
            literal(0x10, 4, nameIndex(staticName, table.find(name, value)), name, value, out);
            return;
        }
        if (staticName != 0) {
            int whole = StaticTable.fieldIndex(staticName, value);
            if (whole != 0) {
                HpackInteger.encode(0x80, 7, whole, out);
                return;
            }
        }
        int found = table.find(name, value);
        if (found > 0) {
            HpackInteger.encode(0x80, 7, StaticTable.LENGTH + found, out);
            return;
        }
        int nameIndex = nameIndex(staticName, found);
        // An entry above half the table would evict most of it for one field.
        if (DynamicTable.entrySize(name, value) <= table.maxSize() / 2 && !NOT_INDEXED.contains(name)) {
            literal(0x40, 6, nameIndex, name, value, out);
            table.add(name, value);
        } else {
            literal(0x00, 4, nameIndex, name, value, out);
        }
    }

    /**
     * An upper bound on the bytes {@link #field} writes for this field (including a pending table size update).
     *
     * @param name  the field name
     * @param value the field value
     * @return the bound: two size updates, a representation byte, both strings raw with 6-byte lengths
     */
    public int maxEncodedLength(String name, String value) {
        return 2 * 6 + 1 + 6 + name.length() + 6 + value.length();
    }

    /** The static name index if any, else the dynamic one from {@link DynamicTable#find}, else 0. */
    private static int nameIndex(int staticName, int found) {
        if (staticName != 0) {
            return staticName;
        }
        return found == 0 ? 0 : StaticTable.LENGTH + Math.abs(found);
    }

    private void literal(int flags, int prefixBits, int nameIndex, String name, String value, ByteBuffer out) {
        HpackInteger.encode(flags, prefixBits, nameIndex, out);
        if (nameIndex == 0) {
            string(name, out);
        }
        string(value, out);
    }

    /**
     * A string literal (RFC 7541 §5.2), Huffman-coded unless that is longer (on a tie the code is as short, and it is
     * what RFC 7541 Appendix C.6 sends).
     */
    private void string(String s, ByteBuffer out) {
        long coded = Huffman.encodedLength(s);
        if (huffman && coded <= s.length()) {
            HpackInteger.encode(0x80, 7, (int) coded, out);
            Huffman.encode(s, out);
            return;
        }
        HpackInteger.encode(0x00, 7, s.length(), out);
        for (int i = 0; i < s.length(); i++) {
            out.put((byte) s.charAt(i)); // ISO-8859-1 checked by encodedLength
        }
    }

    /** The dynamic table, for tests. */
    DynamicTable table() {
        return table;
    }

    private void writePendingUpdates(ByteBuffer out) {
        if (pendingFinal < 0) {
            return;
        }
        if (pendingLowest < pendingFinal) {
            HpackInteger.encode(0x20, 5, pendingLowest, out);
            table.maxSize(pendingLowest);
        }
        HpackInteger.encode(0x20, 5, pendingFinal, out);
        table.maxSize(pendingFinal);
        pendingLowest = -1;
        pendingFinal = -1;
    }
}
