package io.jvicorn.http2.hpack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes header blocks (RFC 7541 §3), keeping the dynamic table between blocks of one connection. One instance per
 * connection, used by one thread at a time (the connection's), which owns every field here.
 *
 * <p>A field costs at most its two Strings: names and values from either table are the table's own instances (the
 * static table's are constants), Huffman decoding goes through one scratch array kept between blocks. Fields past the
 * header list limit are not materialised at all unless the dynamic table keeps them, so a small block that repeats a
 * large entry (an HPACK bomb) costs counting, not memory.
 */
public final class HpackDecoder {
    /** Representation prefixes (RFC 7541 §6): the pattern is the bits above the integer prefix. */
    private static final int INDEXED = 0x80;
    private static final int INCREMENTAL = 0x40;
    private static final int SIZE_UPDATE = 0x20;
    private static final int NEVER_INDEXED = 0x10;

    private final DynamicTable table;
    private final long maxHeaderListSize;
    /** The SETTINGS_HEADER_TABLE_SIZE in force: the ceiling of size updates. */
    private int maxTableSize;
    /**
     * The lowest maximum this endpoint set since the last block, when below the table's current maximum: the next
     * block must start with a size update to at most this (RFC 7541 §4.2). -1 when none is owed.
     */
    private int requiredUpdate = -1;
    /** Huffman output, grown to the longest string seen (bounded by the caller's block size limit). */
    private byte[] scratch = new byte[64];
    /** Where the string {@link #readString} last read lies: its position in the block, or -1 for {@link #scratch}. */
    private int rawAt = -1;

    /**
     * @param maxTableSize      the dynamic table size in force, the ceiling of size updates (a larger one is a
     *                          COMPRESSION_ERROR): 4096, the initial SETTINGS_HEADER_TABLE_SIZE, on a new connection,
     *                          since the peer may encode its first blocks before it sees this endpoint's SETTINGS; a
     *                          different advertised value takes effect through {@link #maxTableSize(int)} once acknowledged
     * @param maxHeaderListSize the SETTINGS_MAX_HEADER_LIST_SIZE this endpoint enforces, counted as RFC 9113 §6.5.2
     *                          does (name + value + 32 per field); past it the decoder keeps decoding to stay in step
     *                          with the peer's table, drops the fields, and throws with {@code headerListTooLarge}
     * @throws IllegalArgumentException for a negative size
     */
    public HpackDecoder(int maxTableSize, long maxHeaderListSize) {
        if (maxTableSize < 0 || maxHeaderListSize < 0) {
            throw new IllegalArgumentException("negative HPACK limit: table " + maxTableSize + ", list "
                    + maxHeaderListSize);
        }
        this.table = new DynamicTable(maxTableSize);
        this.maxTableSize = maxTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /**
     * This endpoint's SETTINGS_HEADER_TABLE_SIZE changed (call once the peer has acknowledged the SETTINGS frame). A
     * lower value than the table's current maximum obliges the peer to start its next block with a size update that
     * fits (RFC 7541 §4.2); a block without one fails with {@link HpackViolation#SIZE_UPDATE_MISSING}.
     *
     * @param maxTableSize the new ceiling, 0 or more
     */
    public void maxTableSize(int maxTableSize) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("negative HPACK table size: " + maxTableSize);
        }
        this.maxTableSize = maxTableSize;
        if (maxTableSize < table.maxSize()) {
            requiredUpdate = requiredUpdate < 0 ? maxTableSize : Math.min(requiredUpdate, maxTableSize);
        }
    }

    /**
     * Decodes one complete header block (the concatenated fragments of HEADERS/PUSH_PROMISE and CONTINUATION frames).
     *
     * @param block the block, read from its position to its limit; consumed entirely on success
     * @param sink  receives each field in order
     * @throws HpackException on any decoding error (COMPRESSION_ERROR) or when the header list is too large
     */
    public void decode(ByteBuffer block, HeaderSink sink) throws HpackException {
        long listSize = 0;
        boolean fieldSeen = false;
        while (block.hasRemaining()) {
            int first = block.get() & 0xFF;
            if (first >= INDEXED) {
                int index = HpackInteger.decode(first, 7, block);
                if (index == 0) {
                    throw new HpackException(HpackViolation.INDEX_ZERO);
                }
                checkRequiredUpdate();
                String name = name(index);
                String value = value(index);
                listSize += DynamicTable.entrySize(name, value);
                if (listSize <= maxHeaderListSize) {
                    sink.field(name, value);
                }
            } else if (first >= SIZE_UPDATE && first < INCREMENTAL) {
                if (fieldSeen) {
                    throw new HpackException(HpackViolation.SIZE_UPDATE_AFTER_FIELD);
                }
                int size = HpackInteger.decode(first, 5, block);
                if (size > maxTableSize) {
                    throw new HpackException(HpackViolation.SIZE_UPDATE_ABOVE_MAX);
                }
                if (requiredUpdate >= 0 && size <= requiredUpdate) {
                    requiredUpdate = -1;
                }
                table.maxSize(size);
                continue;
            } else {
                checkRequiredUpdate();
                boolean indexing = first >= INCREMENTAL;
                int index = HpackInteger.decode(first, indexing ? 6 : 4, block);
                @Nullable String name = null;
                int nameLength;
                if (index != 0) {
                    name = name(index);
                    nameLength = name.length();
                } else {
                    nameLength = readString(block);
                    long least = (long) nameLength + DynamicTable.ENTRY_OVERHEAD; // the field's size with no value
                    if (indexing && least <= table.maxSize() || listSize + least <= maxHeaderListSize) {
                        name = text(block, nameLength);
                    }
                }
                int valueLength = readString(block);
                long fieldSize = (long) nameLength + valueLength + DynamicTable.ENTRY_OVERHEAD;
                listSize += fieldSize;
                boolean deliver = listSize <= maxHeaderListSize;
                boolean kept = indexing && fieldSize <= table.maxSize();
                if (deliver || kept) {
                    // Either implies the test above held, so the name was materialised.
                    String fieldName = Objects.requireNonNull(name);
                    String value = text(block, valueLength);
                    if (kept) {
                        table.add(fieldName, value);
                    }
                    if (deliver) {
                        sink.field(fieldName, value);
                    }
                }
                if (indexing && !kept) {
                    table.clear(); // what adding an entry larger than the table does (RFC 7541 §4.4)
                }
            }
            fieldSeen = true;
        }
        checkRequiredUpdate();
        if (listSize > maxHeaderListSize) {
            throw new HpackException(HpackViolation.HEADER_LIST_TOO_LARGE);
        }
    }

    /** The dynamic table, for tests. */
    DynamicTable table() {
        return table;
    }

    private void checkRequiredUpdate() throws HpackException {
        if (requiredUpdate >= 0) {
            throw new HpackException(HpackViolation.SIZE_UPDATE_MISSING);
        }
    }

    private String name(int index) throws HpackException {
        if (index <= StaticTable.LENGTH) {
            return StaticTable.name(index);
        }
        return table.name(dynamicIndex(index));
    }

    private String value(int index) throws HpackException {
        if (index <= StaticTable.LENGTH) {
            return StaticTable.value(index);
        }
        return table.value(dynamicIndex(index));
    }

    private int dynamicIndex(int index) throws HpackException {
        int dynamic = index - StaticTable.LENGTH;
        if (dynamic > table.length()) {
            throw new HpackException(HpackViolation.INDEX_PAST_TABLE);
        }
        return dynamic;
    }

    /**
     * Reads a string literal (RFC 7541 §5.2), checking its Huffman code; {@link #text} makes the String if wanted.
     *
     * @return its length once decoded
     */
    private int readString(ByteBuffer block) throws HpackException {
        if (!block.hasRemaining()) {
            throw new HpackException(HpackViolation.TRUNCATED_INTEGER);
        }
        int first = block.get() & 0xFF;
        int length = HpackInteger.decode(first, 7, block);
        if (length > block.remaining()) {
            throw new HpackException(HpackViolation.TRUNCATED_STRING);
        }
        if ((first & 0x80) == 0) {
            rawAt = block.position();
            block.position(rawAt + length);
            return length;
        }
        rawAt = -1;
        return Huffman.decode(block, length, scratch(Huffman.maxDecodedLength(length)));
    }

    /** The last string {@link #readString} read. */
    private String text(ByteBuffer block, int length) {
        if (rawAt < 0) {
            return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        }
        if (block.hasArray()) {
            return new String(block.array(), block.arrayOffset() + rawAt, length, StandardCharsets.ISO_8859_1);
        }
        byte[] bytes = scratch(length);
        block.get(rawAt, bytes, 0, length);
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        return scratch;
    }
}
