package io.jvicorn.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;

/** Whether to write ANSI colours, and the colours Uvicorn gives level names (click's styles). */
final class TerminalColors {
    private static final String RESET = "\u001b[0m";

    private TerminalColors() {
    }

    /**
     * Decides {@code --use-colors}.
     *
     * @param option      true or false when given, null for auto
     * @param environment where {@code NO_COLOR} and {@code TERM} are read
     * @param terminal    whether standard output is a terminal
     * @return the option when given; otherwise whether output is a terminal and neither {@code NO_COLOR} is set nor
     *         {@code TERM=dumb}
     */
    static boolean enabled(@Nullable Boolean option, Map<String, String> environment, boolean terminal) {
        if (option != null) {
            return option;
        }
        String noColor = environment.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
    }

    /**
     * Whether this process writes to an interactive terminal: a console exists and, on Java 22 and later where one
     * exists even when output is redirected, {@code Console.isTerminal()} says so.
     *
     * @return true for a terminal
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal"); // Java 22+; compiled for 21
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21 returns a console only when both stdin and stdout are terminals
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A level name in Uvicorn's colour: TRACE blue, DEBUG cyan, INFO green, WARNING yellow, ERROR red, CRITICAL
     * bright red.
     *
     * @param name  the name as printed
     * @param level the record's level
     * @return the name wrapped in ANSI codes
     */
    static String levelName(String name, Level level) {
        int value = level.intValue();
        String color;
        if (value >= LogLevel.NamedLevel.CRITICAL.intValue()) {
            color = "\u001b[91m";
        } else if (value >= Level.SEVERE.intValue()) {
            color = "\u001b[31m";
        } else if (value >= Level.WARNING.intValue()) {
            color = "\u001b[33m";
        } else if (value >= Level.CONFIG.intValue()) {
            color = "\u001b[32m";
        } else if (value >= Level.FINE.intValue()) {
            color = "\u001b[36m";
        } else {
            color = "\u001b[34m";
        }
        return color + name + RESET;
    }
}
