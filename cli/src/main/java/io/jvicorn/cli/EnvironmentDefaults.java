package io.jvicorn.cli;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads option defaults from {@code JVICORN_<NAME>} environment variables, as Uvicorn reads {@code UVICORN_<NAME>}:
 * {@code --timeout-keep-alive} from {@code JVICORN_TIMEOUT_KEEP_ALIVE}, the positional APP from {@code JVICORN_APP}.
 * A value on the command line wins; an empty variable counts as unset. Boolean variables accept Click's spellings
 * (1/0, yes/no, on/off).
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    /** The prefix of every variable. */
    static final String PREFIX = "JVICORN_";

    private final Map<String, String> environment;

    /** @param environment the variables, {@link System#getenv()} outside tests */
    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable String defaultValue(ArgSpec argSpec) {
        String variable = variableName(argSpec);
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (isPlainBoolean(argSpec)) {
            Boolean parsed = Converters.parseBoolean(value);
            return parsed != null ? parsed.toString() : value; // an unknown spelling fails in the converter
        }
        return value;
    }

    /**
     * The variable an option or parameter reads.
     *
     * @param argSpec an option or the positional APP
     * @return {@code JVICORN_<NAME>}, or null for {@code --help} and {@code --version}
     */
    static @Nullable String variableName(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            if (option.usageHelp() || option.versionHelp()) {
                return null;
            }
            return PREFIX + snakeCase(option.longestName().replaceFirst("^--(no-)?", ""));
        }
        return PREFIX + snakeCase(argSpec.paramLabel());
    }

    private static String snakeCase(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** A boolean that picocli converts itself, so it only knows "true" and "false". */
    private static boolean isPlainBoolean(ArgSpec argSpec) {
        Class<?> type = argSpec.type();
        return (type == boolean.class || type == Boolean.class) && argSpec.converters().length == 0;
    }
}
