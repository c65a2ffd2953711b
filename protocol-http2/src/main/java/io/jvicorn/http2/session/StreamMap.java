package io.jvicorn.http2.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Streams by identifier, without boxing: a stream identifier is a positive 31-bit integer (RFC 9113 §5.1.1) and a
 * connection opens one per request, so a {@code HashMap<Integer, V>} would allocate a key and a node per request and
 * box on every lookup. Open addressing with linear probing and backward-shift deletion; 0, never a stream's identifier,
 * marks an empty slot. Not thread-safe: owned by the connection's thread.
 *
 * @param <V> what is kept per stream
 */
public final class StreamMap<V> {
    private static final int MIN_CAPACITY = 16;

    private int[] keys = new int[MIN_CAPACITY];
    private @Nullable Object[] values = new Object[MIN_CAPACITY];
    private int size;

    /**
     * @param id a stream identifier, &gt; 0
     * @return the stream's value, or null
     */
    @SuppressWarnings("unchecked")
    public @Nullable V get(int id) {
        int mask = keys.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == id) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /**
     * Keeps {@code value} for stream {@code id}, replacing what it had.
     *
     * @param id    a stream identifier, &gt; 0
     * @param value the value
     */
    public void put(int id, V value) {
        if (id <= 0) {
            throw new IllegalArgumentException("not a stream identifier: " + id);
        }
        if (2 * (size + 1) > keys.length) { // at most half full: probes stay short
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (keys[i] != 0 && keys[i] != id) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            keys[i] = id;
            size++;
        }
        values[i] = value;
    }

    /**
     * Forgets stream {@code id}.
     *
     * @param id a stream identifier
     * @return what it had, or null
     */
    @SuppressWarnings("unchecked")
    public @Nullable V remove(int id) {
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (keys[i] != id) {
            if (keys[i] == 0) {
                return null;
            }
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        // Backward shift: move up each following entry that probing would no longer reach past the hole.
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
        size--;
        return old;
    }

    /** @return how many streams it holds */
    public int size() {
        return size;
    }

    /** @return whether it holds no stream */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * @return the values in the order of their identifiers (the order the client opened the streams), a copy the
     *         caller may hold while the map changes
     */
    public List<V> values() {
        int[] ids = new int[size];
        int n = 0;
        for (int k : keys) {
            if (k != 0) {
                ids[n++] = k;
            }
        }
        Arrays.sort(ids);
        List<V> copy = new ArrayList<>(size);
        for (int id : ids) {
            copy.add(Objects.requireNonNull(get(id)));
        }
        return copy;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        @Nullable Object[] oldValues = values;
        keys = new int[capacity];
        values = new Object[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            int k = oldKeys[i];
            if (k != 0) {
                int j = slot(k, mask);
                while (keys[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = k;
                values[j] = oldValues[i];
            }
        }
        Arrays.fill(oldValues, null);
    }

    /** Fibonacci hashing: a client's identifiers are consecutive odd numbers, spread over the table. */
    private static int slot(int id, int mask) {
        int h = id * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }
}
