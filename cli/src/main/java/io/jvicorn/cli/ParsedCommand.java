package io.jvicorn.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * The command line after every source of option values has been applied.
 *
 * @param options          the filled options
 * @param commandLine      the picocli command, for help and version requests
 * @param envFileVariables the {@code --env-file} variables, in file order; empty without one
 * @param logLevelGiven    whether {@code --log-level} was set anywhere (command line, environment or file) rather
 *                         than defaulted; a {@code --log-config} file keeps its own levels otherwise
 */
record ParsedCommand(CliOptions options, CommandLine commandLine, Map<String, String> envFileVariables,
                     boolean logLevelGiven) {
}
