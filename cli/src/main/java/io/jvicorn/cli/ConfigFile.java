package io.jvicorn.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@code --config} file: {@code jvicorn.properties} (java.util.Properties syntax) or, when the name ends in
 * {@code .toml}, the {@link TomlSubset} of TOML. Keys are option names without the leading dashes, any case, with
 * {@code _} accepted for {@code -} ({@code timeout-keep-alive}, {@code timeout_keep_alive}); {@code app} is the
 * application.
 */
final class ConfigFile {
    private final String name;
    private final Map<String, TomlSubset.Value> entries;

    private ConfigFile(String name, Map<String, TomlSubset.Value> entries) {
        this.name = name;
        this.entries = entries;
    }

    /**
     * Reads a file.
     *
     * @param path the file
     * @return its entries
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it is not valid UTF-8 or its syntax is wrong, naming the line
     */
    static ConfigFile read(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + ": not UTF-8 text");
        }
        String name = path.toString();
        return parse(text, name, name.toLowerCase(Locale.ROOT).endsWith(".toml"));
    }

    /**
     * Parses content.
     *
     * @param text the content
     * @param name the file name, for messages
     * @param toml TOML when true, properties otherwise
     * @return the entries under normalised keys
     * @throws IllegalArgumentException on a syntax error or two spellings of one key
     */
    static ConfigFile parse(String text, String name, boolean toml) {
        Map<String, TomlSubset.Value> raw = toml ? TomlSubset.parse(text, name) : properties(text, name);
        Map<String, TomlSubset.Value> entries = new LinkedHashMap<>();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String normal = normalize(key);
            String previous = spelledAs.putIfAbsent(normal, key);
            if (previous != null) {
                throw new IllegalArgumentException(name + ": '" + previous + "' and '" + key + "' both set '"
                        + normal + "'");
            }
            entries.put(normal, value);
        });
        return new ConfigFile(name, entries);
    }

    private static Map<String, TomlSubset.Value> properties(String text, String name) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
        Map<String, TomlSubset.Value> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, new TomlSubset.Value(List.of(properties.getProperty(key)), false, 0));
        }
        return values;
    }

    /**
     * The canonical spelling of a key.
     *
     * @param key as written
     * @return lower case, {@code _} as {@code -}, without surrounding whitespace
     */
    static String normalize(String key) {
        return key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the file name as given */
    String name() {
        return name;
    }

    /** @return every entry under its normalised key, in file order for TOML */
    Map<String, TomlSubset.Value> entries() {
        return entries;
    }

    /**
     * @param key a normalised key
     * @return its value, or null
     */
    TomlSubset.@Nullable Value get(String key) {
        return entries.get(key);
    }

    /**
     * Where a key is, for messages.
     *
     * @param value an entry's value
     * @return {@code name:line} for TOML, the name for properties
     */
    String location(TomlSubset.Value value) {
        return value.line() > 0 ? name + ":" + value.line() : name;
    }
}
