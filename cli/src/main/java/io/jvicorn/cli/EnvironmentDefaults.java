package io.jvicorn.cli;

import java.util.List;
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
 * (1/0, yes/no, on/off). {@code --forwarded-allow-ips} also falls back to Uvicorn's {@code FORWARDED_ALLOW_IPS}, and
 * {@code --workers} to {@code WEB_CONCURRENCY}.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    /** The prefix of every variable. */
    static final String PREFIX = "JVICORN_";

    /** Variables Uvicorn reads without its prefix, consulted after {@code JVICORN_<NAME>}. */
    private static final Map<String, List<String>> ALIASES =
            Map.of("--forwarded-allow-ips", List.of("FORWARDED_ALLOW_IPS"), "--workers", List.of("WEB_CONCURRENCY"));

    private final Map<String, String> environment;

    /** @param environment the variables, {@link System#getenv()} outside tests */
    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable String defaultValue(ArgSpec argSpec) {
        String variable = variableSupplying(argSpec);
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        if (isPlainBoolean(argSpec)) {
            Boolean parsed = Converters.parseBoolean(value);
            return parsed != null ? parsed.toString() : value; // an unknown spelling fails in the converter
        }
        return value;
    }

    /**
     * The variable that gives an option its default.
     *
     * @param argSpec an option or the positional APP
     * @return the first set, non-empty one of {@code JVICORN_<NAME>} and its aliases, or null
     */
    @Nullable String variableSupplying(ArgSpec argSpec) {
        String variable = variableName(argSpec);
        if (variable == null) {
            return null;
        }
        if (isSet(variable)) {
            return variable;
        }
        if (argSpec instanceof OptionSpec option) {
            for (String alias : ALIASES.getOrDefault(option.longestName(), List.of())) {
                if (isSet(alias)) {
                    return alias;
                }
            }
        }
        return null;
    }

    private boolean isSet(String variable) {
        String value = environment.get(variable);
        return value != null && !value.isEmpty();
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
            String name = option.longestName();
            int prefix = name.startsWith("--no-") ? 5 : name.startsWith("--") ? 2 : 0;
            return PREFIX + snakeCase(name.substring(prefix)); // no regular expression: asked for every option at start
        }
        return PREFIX + snakeCase(argSpec.paramLabel());
    }

    private static String snakeCase(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Whether picocli converts this boolean itself, so that it only knows "true" and "false".
     *
     * @param argSpec an option
     * @return true for a boolean option without a converter
     */
    static boolean isPlainBoolean(ArgSpec argSpec) {
        Class<?> type = argSpec.type();
        return (type == boolean.class || type == Boolean.class) && argSpec.converters().length == 0;
    }
}
