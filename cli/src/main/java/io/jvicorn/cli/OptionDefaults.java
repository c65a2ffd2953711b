package io.jvicorn.cli;

import java.io.File;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults below the command line: {@code JVICORN_*} variables (and {@code FORWARDED_ALLOW_IPS}) first, then the
 * {@code --config} file. Remembers where each value came from so that a bad one can be reported with its source.
 */
final class OptionDefaults implements IDefaultValueProvider {
    /** Separators tried, in order, to join an array for an option that picocli splits with a regex. */
    private static final List<String> JOINERS = List.of("\n", File.pathSeparator, ",");

    private final EnvironmentDefaults environment;
    private final @Nullable ConfigFile file;
    private final Map<String, String> origins = new HashMap<>();

    /**
     * @param environment the variables
     * @param file        the configuration file, or null
     */
    OptionDefaults(EnvironmentDefaults environment, @Nullable ConfigFile file) {
        this.environment = environment;
        this.file = file;
    }

    /**
     * Checks the file against the command: every key must name an option, arrays only for repeatable options.
     *
     * @param spec the command
     * @throws UsageException naming the first bad key and, for an unknown one, every valid key
     */
    void validate(CommandSpec spec) throws UsageException {
        if (file == null) {
            return;
        }
        Map<String, ArgSpec> byKey = new HashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (key != null) {
                byKey.put(key, option);
            }
        }
        spec.positionalParameters().forEach(parameter -> byKey.put(key(parameter), parameter));
        for (Map.Entry<String, TomlSubset.Value> entry : file.entries().entrySet()) {
            ArgSpec arg = byKey.get(entry.getKey());
            TomlSubset.Value value = entry.getValue();
            if (arg == null) {
                throw new UsageException("unknown key '" + entry.getKey() + "' in " + file.location(value)
                        + "; valid keys: " + String.join(", ", new TreeSet<>(byKey.keySet())));
            }
            if (value.array() && !arg.isMultiValue()) {
                throw new UsageException(file.location(value) + ": '" + entry.getKey()
                        + "' takes a single value, not an array");
            }
            if (value.array() && value.values().size() > 1 && joiner(arg) == null) {
                throw new UsageException(file.location(value) + ": '" + entry.getKey()
                        + "' cannot take several values from a file");
            }
        }
    }

    @Override
    public @Nullable String defaultValue(ArgSpec argSpec) {
        String value = environment.defaultValue(argSpec);
        String origin = value == null ? null : environment.variableSupplying(argSpec);
        if (value == null && file != null) {
            value = fromFile(argSpec, file);
            origin = file.name();
        }
        if (value == null || origin == null) {
            return null;
        }
        origins.put(id(argSpec), origin);
        return value.replace("${", "$${"); // picocli would expand ${...} in defaults; values are literal
    }

    /**
     * Where the value of an option came from, if not from the command line.
     *
     * @param argSpec an option or parameter
     * @return the variable name or the file name, or null when it was not supplied here
     */
    @Nullable String origin(ArgSpec argSpec) {
        return origins.get(id(argSpec));
    }

    private static @Nullable String fromFile(ArgSpec argSpec, ConfigFile file) {
        String key = key(argSpec);
        TomlSubset.Value value = key == null ? null : file.get(key);
        if (value == null || value.values().isEmpty()) {
            return null;
        }
        if (value.array()) {
            String joiner = joiner(argSpec);
            return String.join(joiner != null ? joiner : "", value.values());
        }
        String text = value.values().get(0);
        if (EnvironmentDefaults.isPlainBoolean(argSpec)) {
            Boolean parsed = Converters.parseBoolean(text);
            return parsed != null ? parsed.toString() : text;
        }
        return text;
    }

    /** A separator that the option's split regex splits on, so that joined elements come apart again. */
    private static @Nullable String joiner(ArgSpec argSpec) {
        String regex = argSpec.splitRegex(); // already interpolated: ${sys:path.separator} is resolved
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        for (String joiner : JOINERS) {
            if (Arrays.equals(new String[] {"a", "b"}, ("a" + joiner + "b").split(regex))) {
                return joiner;
            }
        }
        return null;
    }

    /**
     * The file key of an option or parameter.
     *
     * @param argSpec an option or the positional APP
     * @return the long name without dashes, {@code app} for APP, or null for options that cannot be in a file
     */
    static @Nullable String key(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            if (option.usageHelp() || option.versionHelp() || option.longestName().equals("--config")) {
                return null;
            }
            return ConfigFile.normalize(option.longestName().replaceFirst("^--", ""));
        }
        return ConfigFile.normalize(argSpec.paramLabel());
    }

    private static String id(ArgSpec argSpec) {
        return argSpec instanceof OptionSpec option ? option.longestName() : argSpec.paramLabel();
    }
}
