package io.jvicorn.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerArgsTest {
    @Test
    void defaultsLeaveTheServersOwnThreadCountsAndNoDatabase() {
        ServerArgs a = ServerArgs.parse(new String[0]);

        assertEquals("127.0.0.1", a.host());
        assertEquals(8080, a.port());
        assertEquals(0, a.loops());
        assertEquals(4, a.loopsOr(4));
        assertNull(a.db());
        assertEquals(ServerArgs.DEFAULT_DB_POOL, a.dbPool());
    }

    @Test
    void readsEveryOption() {
        ServerArgs a = ServerArgs.parse(new String[] {"--host", "::1", "--port", "18400", "--transport", "vt",
            "--loops", "2", "--db", "jdbc:postgresql://127.0.0.1:18401/hello_world", "--db-pool", "16"});

        assertEquals(new ServerArgs("::1", 18400, "vt", 2, "jdbc:postgresql://127.0.0.1:18401/hello_world", 16), a);
        assertEquals(2, a.loopsOr(4));
    }

    @Test
    void refusesAPoolWithoutConnectionsANegativeCountAndWords() {
        String pool = assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--db-pool", "0"})).getMessage();
        String loops = assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--loops", "-1"})).getMessage();
        String word = assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--port", "eighty"})).getMessage();

        assertEquals("--db-pool must be at least 1, got 0", pool);
        assertEquals("--loops must be at least 0, got -1", loops);
        assertEquals("--port needs a whole number, got 'eighty'", word);
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--threads", "2"})).getMessage().startsWith("unknown option"));
        assertEquals("option --loops needs a value", assertThrows(IllegalArgumentException.class,
                () -> ServerArgs.parse(new String[] {"--loops"})).getMessage());
    }
}
