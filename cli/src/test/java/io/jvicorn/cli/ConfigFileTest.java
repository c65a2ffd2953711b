package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void readsPropertiesUnderNormalisedKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("jvicorn.properties"), """
                # comment
                Port = 9000
                timeout_keep_alive: 10
                header = X-A: 1\\nX-B: 2
                """);
        ConfigFile config = ConfigFile.read(file);
        assertEquals(Set.of("port", "timeout-keep-alive", "header"), config.entries().keySet());
        assertEquals(List.of("9000"), config.get("port").values());
        assertEquals(List.of("10"), config.get("timeout-keep-alive").values());
        assertEquals(List.of("X-A: 1\nX-B: 2"), config.get("header").values());
        assertEquals(file.toString(), config.location(config.get("port")));
    }

    @Test
    void readsTomlWhenTheNameSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("jvicorn.TOML"), "log_level = \"debug\"\n");
        ConfigFile config = ConfigFile.read(file);
        assertEquals(List.of("debug"), config.get("log-level").values());
        assertEquals(file + ":1", config.location(config.get("log-level")));
    }

    @Test
    void twoSpellingsOfOneKeyAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigFile.parse("log_level = \"debug\"\nlog-level = \"info\"\n", "j.toml", true));
        assertEquals("j.toml: 'log_level' and 'log-level' both set 'log-level'", e.getMessage());
    }

    @Test
    void malformedPropertiesNameTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigFile.parse("a = \\uZZZZ\n", "j.properties", false));
        assertTrue(e.getMessage().startsWith("j.properties: "), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("bad.toml"), new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xFF, '"'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(file));
        assertEquals(file + ": not UTF-8 text", e.getMessage());
    }
}
