package io.jvicorn.http2.hpack;

/**
 * The dynamic table (RFC 7541 §2.3.2, §4): a FIFO of fields, newest first, whose size is the sum of each entry's name
 * and value lengths plus 32, kept at or below a maximum by evicting the oldest entries. A ring buffer of parallel name
 * and value arrays that grows (up to what the maximum can hold) instead of a node per entry.
 *
 * <p>Used by the one thread that owns its encoder or decoder.
 */
final class DynamicTable {
    /** The per-entry overhead RFC 7541 §4.1 counts. */
    static final int ENTRY_OVERHEAD = 32;

    private String[] names = new String[8];
    private String[] values = new String[8];
    /** The slot of the newest entry. */
    private int newest = -1;
    private int count;
    /** The sum of the entries' sizes. */
    private long size;
    private int maxSize;

    DynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    /** The number of entries. */
    int length() {
        return count;
    }

    /** The table's size as RFC 7541 §4.1 counts it. */
    long size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** The name of entry {@code index}, 1 being the newest. */
    String name(int index) {
        return names[slot(index)];
    }

    /** The value of entry {@code index}, 1 being the newest. */
    String value(int index) {
        return values[slot(index)];
    }

    /** The size an entry would take. */
    static long entrySize(String name, String value) {
        return (long) name.length() + value.length() + ENTRY_OVERHEAD;
    }

    /**
     * Adds a field as the newest entry, evicting the oldest ones to make room; a field larger than the maximum empties
     * the table and is not added (RFC 7541 §4.4).
     */
    void add(String name, String value) {
        long entry = entrySize(name, value);
        if (entry > maxSize) {
            clear();
            return;
        }
        while (size + entry > maxSize) {
            evictOldest();
        }
        if (count == names.length) {
            grow();
        }
        newest = (newest + 1) % names.length;
        names[newest] = name;
        values[newest] = value;
        count++;
        size += entry;
    }

    /** Sets the maximum size, evicting the oldest entries until the table fits (RFC 7541 §4.3). */
    void maxSize(int maxSize) {
        this.maxSize = maxSize;
        while (size > maxSize) {
            evictOldest();
        }
    }

    /**
     * Finds a field, for the encoder.
     *
     * @return the index of an entry with this name and value, or minus the index of the newest entry with this name,
     *         or 0 when no entry has the name
     */
    int find(String name, String value) {
        int nameOnly = 0;
        int hash = name.hashCode();
        for (int index = 1; index <= count; index++) {
            int s = slot(index);
            String n = names[s];
            if (n.hashCode() == hash && n.equals(name)) {
                if (values[s].equals(value)) {
                    return index;
                }
                if (nameOnly == 0) {
                    nameOnly = -index;
                }
            }
        }
        return nameOnly;
    }

    private int slot(int index) {
        return Math.floorMod(newest - (index - 1), names.length);
    }

    private void evictOldest() {
        int oldest = slot(count);
        size -= entrySize(names[oldest], values[oldest]);
        names[oldest] = null;
        values[oldest] = null;
        count--;
    }

    /** Evicts every entry. */
    void clear() {
        while (count > 0) {
            evictOldest();
        }
    }

    /** Doubles the arrays, the oldest entry moving to slot 0. Bounded: no more than maxSize / 32 entries fit. */
    private void grow() {
        String[] n = new String[names.length * 2];
        String[] v = new String[values.length * 2];
        for (int index = count; index >= 1; index--) {
            int s = slot(index);
            n[count - index] = names[s];
            v[count - index] = values[s];
        }
        names = n;
        values = v;
        newest = count - 1;
    }
}
