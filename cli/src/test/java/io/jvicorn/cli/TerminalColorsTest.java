package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class TerminalColorsTest {

    @Test
    void anExplicitChoiceWins() {
        assertTrue(TerminalColors.enabled(true, Map.of("NO_COLOR", "1"), false));
        assertFalse(TerminalColors.enabled(false, Map.of(), true));
    }

    @Test
    void autoMeansATerminalWithoutNoColorOrADumbTerm() {
        assertTrue(TerminalColors.enabled(null, Map.of(), true));
        assertTrue(TerminalColors.enabled(null, Map.of("NO_COLOR", ""), true));
        assertFalse(TerminalColors.enabled(null, Map.of(), false));
        assertFalse(TerminalColors.enabled(null, Map.of("NO_COLOR", "1"), true));
        assertFalse(TerminalColors.enabled(null, Map.of("TERM", "dumb"), true));
    }

    @Test
    void testsDoNotRunOnATerminal() {
        assertFalse(TerminalColors.isTerminal()); // surefire pipes the forked JVM's output
    }

    @Test
    void levelNamesGetUvicornsColours() {
        assertEquals("\u001b[34mTRACE\u001b[0m", TerminalColors.levelName("TRACE", Level.FINEST));
        assertEquals("\u001b[36mDEBUG\u001b[0m", TerminalColors.levelName("DEBUG", Level.FINE));
        assertEquals("\u001b[32mINFO\u001b[0m", TerminalColors.levelName("INFO", Level.INFO));
        assertEquals("\u001b[33mWARNING\u001b[0m", TerminalColors.levelName("WARNING", Level.WARNING));
        assertEquals("\u001b[31mERROR\u001b[0m", TerminalColors.levelName("ERROR", Level.SEVERE));
        assertEquals("\u001b[91mCRITICAL\u001b[0m", TerminalColors.levelName("CRITICAL", LogLevel.CRITICAL.julLevel()));
    }
}
