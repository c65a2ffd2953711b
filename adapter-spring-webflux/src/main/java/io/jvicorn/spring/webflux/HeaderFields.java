package io.jvicorn.spring.webflux;

import io.jvicorn.asgi.Header;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MultiValueMap;

/**
 * The store behind an exchange's {@code HttpHeaders}, as Reactor Netty's adapter keeps them in Netty's headers: the
 * fields in order in one flat array ({@code name, value, name, value...}), names as given and matched ignoring ASCII
 * case by scanning. An exchange has about a dozen fields, where a scan is cheaper than Spring's default map, which
 * lower-cases every name it is asked for, hashes it and keeps a list per name.
 *
 * <p>A map entry is a distinct name (ignoring case, spelled as first added) with all its values in order. Lists
 * returned by {@link #get} are copies. Owned by the thread that handles the exchange, like Spring's map.
 */
final class HeaderFields extends AbstractMap<String, List<String>> implements MultiValueMap<String, String> {
    private String[] fields;
    /** Used slots of {@link #fields}: twice the number of fields. */
    private int used;

    /** An empty store, for a response. */
    HeaderFields() {
        fields = new String[16];
    }

    /**
     * A store holding a scope's request headers.
     *
     * @param headers the headers, in order
     */
    HeaderFields(List<Header> headers) {
        fields = new String[Math.max(2, headers.size() * 2)];
        for (Header h : headers) {
            fields[used++] = h.name();
            fields[used++] = h.value();
        }
    }

    /**
     * The fields as jvicorn headers, checked (a name that is not a token, or a value with a control character, is
     * refused here: {@link Header#of} says which).
     *
     * @return a new list
     * @throws IllegalArgumentException when a field is not a valid header
     */
    List<Header> toHeaders() {
        List<Header> headers = new ArrayList<>(used / 2);
        for (int i = 0; i < used; i += 2) {
            headers.add(Header.of(fields[i], fields[i + 1]));
        }
        return headers;
    }

    private int indexOf(@Nullable Object name, int from) {
        if (name instanceof String s) {
            for (int i = from; i < used; i += 2) {
                if (fields[i].equalsIgnoreCase(s)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private void append(String name, String value) {
        if (used == fields.length) {
            fields = Arrays.copyOf(fields, used * 2);
        }
        fields[used++] = name;
        fields[used++] = value;
    }

    /** Removes every field of the name; returns its values, or null when there were none. */
    private @Nullable List<String> removeAll(@Nullable Object name) {
        int i = indexOf(name, 0);
        if (i < 0) {
            return null;
        }
        List<String> removed = new ArrayList<>(1);
        int kept = i;
        for (; i < used; i += 2) {
            if (fields[i].equalsIgnoreCase((String) name)) {
                removed.add(fields[i + 1]);
            } else {
                fields[kept++] = fields[i];
                fields[kept++] = fields[i + 1];
            }
        }
        Arrays.fill(fields, kept, used, null);
        used = kept;
        return removed;
    }

    @Override
    public @Nullable String getFirst(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : fields[i + 1];
    }

    @Override
    public @Nullable List<String> get(@Nullable Object name) {
        int i = indexOf(name, 0);
        if (i < 0) {
            return null;
        }
        List<String> values = new ArrayList<>(1);
        for (; i >= 0; i = indexOf(name, i + 2)) {
            values.add(fields[i + 1]);
        }
        return values;
    }

    @Override
    public boolean containsKey(@Nullable Object name) {
        return indexOf(name, 0) >= 0;
    }

    /** The number of distinct names. */
    @Override
    public int size() {
        int distinct = 0;
        for (int i = 0; i < used; i += 2) {
            if (indexOf(fields[i], 0) == i) {
                distinct++;
            }
        }
        return distinct;
    }

    @Override
    public boolean isEmpty() {
        return used == 0;
    }

    /** Adds a field; a null value adds nothing (as Reactor Netty's store does). */
    @Override
    public void add(String name, @Nullable String value) {
        if (value != null) {
            append(name, value);
        }
    }

    @Override
    public void addAll(String name, List<? extends String> values) {
        for (String value : values) {
            add(name, value);
        }
    }

    @Override
    public void addAll(MultiValueMap<String, String> values) {
        values.forEach(this::addAll);
    }

    /** Replaces the name's fields with one; a null value removes them. */
    @Override
    public void set(String name, @Nullable String value) {
        int i = indexOf(name, 0);
        if (i >= 0 && value != null && indexOf(name, i + 2) < 0) {
            fields[i + 1] = value; // the common case: one field replaced in place
            return;
        }
        removeAll(name);
        add(name, value);
    }

    @Override
    public void setAll(Map<String, String> values) {
        values.forEach(this::set);
    }

    @Override
    public @Nullable List<String> put(String name, @Nullable List<String> values) {
        List<String> previous = removeAll(name);
        if (values != null) {
            addAll(name, values);
        }
        return previous;
    }

    @Override
    public @Nullable List<String> remove(@Nullable Object name) {
        return removeAll(name);
    }

    @Override
    public void clear() {
        Arrays.fill(fields, 0, used, null);
        used = 0;
    }

    @Override
    public Map<String, String> toSingleValueMap() {
        Map<String, String> map = new LinkedCaseInsensitiveMap<>(used / 2, Locale.ROOT);
        for (int i = 0; i < used; i += 2) {
            map.putIfAbsent(fields[i], fields[i + 1]);
        }
        return map;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, List<String>>> iterator() {
                return new Names();
            }

            @Override
            public int size() {
                return HeaderFields.this.size();
            }
        };
    }

    /** The distinct names, each as an entry with its values; {@code remove} removes the name's fields. */
    private final class Names implements Iterator<Entry<String, List<String>>> {
        /** The next field whose name is new, or {@link #used}. */
        private int next = advance(0);
        private @Nullable String current;

        private int advance(int from) {
            int i = from;
            while (i < used && indexOf(fields[i], 0) != i) {
                i += 2; // a name seen before
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < used;
        }

        @Override
        public Entry<String, List<String>> next() {
            if (next >= used) {
                throw new NoSuchElementException();
            }
            String name = fields[next];
            current = name;
            next = advance(next + 2);
            return new Entry<>() {
                @Override
                public String getKey() {
                    return name;
                }

                @Override
                public List<String> getValue() {
                    List<String> values = get(name);
                    return values == null ? List.of() : values;
                }

                @Override
                public List<String> setValue(List<String> values) {
                    List<String> previous = put(name, values);
                    return previous == null ? List.of() : previous;
                }

                @Override
                public boolean equals(@Nullable Object o) {
                    return o instanceof Entry<?, ?> e && name.equals(e.getKey()) && getValue().equals(e.getValue());
                }

                @Override
                public int hashCode() {
                    return name.hashCode() ^ getValue().hashCode();
                }

                @Override
                public String toString() {
                    return name + "=" + getValue();
                }
            };
        }

        @Override
        public void remove() {
            String name = current;
            if (name == null) {
                throw new IllegalStateException("next() has not been called, or remove() was called already");
            }
            current = null;
            int first = indexOf(name, 0);
            removeAll(name);
            // Names are visited in the order of their first field, so every name first seen before `first` is done
            // and every later one is not; the fields after `first` moved down.
            next = advance(first);
        }
    }
}
