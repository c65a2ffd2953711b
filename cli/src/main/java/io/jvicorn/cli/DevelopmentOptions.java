package io.jvicorn.cli;

import picocli.CommandLine.Option;

/** Options for development only, mixed into {@link CliOptions}: {@code --debug}. */
final class DevelopmentOptions {
    @Option(names = "--debug", arity = "0", fallbackValue = "true",
            description = "Answer an application failure with a page of the exception and the request, to clients "
                    + "on this machine (Flask's and Starlette's debug mode); others get the plain 500. For "
                    + "development only; refused with --workers above 1.")
    boolean debug;
}
