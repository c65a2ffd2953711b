package io.jvicorn.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses the command line with its lower-precedence sources: the command line beats the environment
 * ({@code JVICORN_*}, then {@code FORWARDED_ALLOW_IPS}), which beats the {@code --config} file, which beats the
 * built-in defaults. Variables from {@code --env-file} count as environment where the real environment lacks them.
 *
 * <p>A first pass over the command line and the real environment finds {@code --config} and {@code --env-file}
 * (the env file may also be named in the config file); the second pass applies everything.
 */
final class CommandParser {
    private CommandParser() {
    }

    /**
     * Parses.
     *
     * @param args        the command line
     * @param environment the process environment
     * @return the options and where they came from
     * @throws UsageException for an invalid option or value (naming its source when not the command line), an
     *                        unreadable or malformed config or env file, or an unknown config key
     */
    static ParsedCommand parse(String[] args, Map<String, String> environment) throws UsageException {
        CliOptions first = new CliOptions();
        OptionDefaults firstDefaults = new OptionDefaults(new EnvironmentDefaults(environment), null);
        CommandLine firstLine = Main.commandLine(first, firstDefaults);
        parseArgs(firstLine, args, firstDefaults);
        if (firstLine.isUsageHelpRequested() || firstLine.isVersionHelpRequested()) {
            return new ParsedCommand(first, firstLine, Map.of(), false);
        }
        if (first.config == null && first.envFile == null) {
            // Nothing more to read: the second pass would see the same sources. Picocli builds its model of the
            // options by reflection, most of a CLI start, so this halves that.
            return new ParsedCommand(first, firstLine, Map.of(), logLevelGiven(firstLine, firstDefaults));
        }

        ConfigFile file = first.config == null ? null : readConfig(first.config);
        Path envFile = first.envFile != null ? first.envFile : envFileFromConfig(file);
        Map<String, String> variables = envFile == null ? Map.of() : readEnvFile(envFile, environment);
        Map<String, String> merged = new HashMap<>(variables);
        merged.putAll(environment); // python-dotenv does not override variables already set

        CliOptions options = new CliOptions();
        OptionDefaults defaults = new OptionDefaults(new EnvironmentDefaults(merged), file);
        CommandLine commandLine = Main.commandLine(options, defaults);
        defaults.validate(commandLine.getCommandSpec());
        parseArgs(commandLine, args, defaults);
        return new ParsedCommand(options, commandLine, variables, logLevelGiven(commandLine, defaults));
    }

    /** Whether {@code --log-level} was set anywhere rather than left at its default. */
    private static boolean logLevelGiven(CommandLine commandLine, OptionDefaults defaults) {
        return commandLine.getParseResult().hasMatchedOption("--log-level")
                || defaults.origin(commandLine.getCommandSpec().findOption("--log-level")) != null;
    }

    private static void parseArgs(CommandLine commandLine, String[] args, OptionDefaults defaults)
            throws UsageException {
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            // Picocli asks for defaults only for what the command line left unset, so a recorded origin means the
            // bad value came from there.
            ArgSpec arg = e.getArgSpec();
            String origin = arg == null ? null : defaults.origin(arg);
            throw new UsageException(origin == null ? e.getMessage() : e.getMessage() + " (from " + origin + ")");
        }
    }

    private static ConfigFile readConfig(Path path) throws UsageException {
        try {
            return ConfigFile.read(path);
        } catch (IOException e) {
            throw new UsageException("cannot read --config " + path + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static @Nullable Path envFileFromConfig(@Nullable ConfigFile file) throws UsageException {
        TomlSubset.Value value = file == null ? null : file.get("env-file");
        if (value == null || value.array() || value.values().isEmpty()) {
            return null; // an array is reported by OptionDefaults.validate with the other key errors
        }
        try {
            return new Converters.ExistingFile().convert(value.values().get(0));
        } catch (TypeConversionException e) {
            throw new UsageException("Invalid value for option '--env-file': " + e.getMessage() + " (from "
                    + file.name() + ")");
        }
    }

    private static Map<String, String> readEnvFile(Path path, Map<String, String> environment)
            throws UsageException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UsageException(path + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read --env-file " + path + ": " + e.getMessage());
        }
        try {
            return DotEnv.parse(text, path.toString(), environment);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
