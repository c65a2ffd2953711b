package io.jvicorn.server.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.SharedListeners;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedListeners#listenForReload} where it cannot hand its socket over: these tests run on
 * {@code target/classes}, which hold the Java 21 variant of the descriptor code (the jar's Java 22 variant, which
 * does hand it over, is tested through the command by the cli module's ReloadProcessIT).
 */
class ReloadListenersTest {
    private static final Application UNUSED = (scope, receive, send) -> {
        throw new IllegalStateException("not served");
    };

    private final Logger log = Logger.getLogger("jvicorn.error");
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        log.addHandler(capture);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
    }

    @Test
    void withoutTheJava22ClassesThePortIsReservedAndRestartsAreSaidToRefuse() throws Exception {
        try (SharedListeners listeners = SharedListeners.listenForReload(ServerConfig.builder(UNUSED).port(0).build())) {
            assertFalse(listeners.inheritStandardInput());
            assertEquals(1, listeners.workerBinds().size());
            assertTrue(listeners.workerBinds().get(0).matches("127\\.0\\.0\\.1:[1-9]\\d*"), listeners.workerBinds().toString());
            assertEquals(List.of("http://127.0.0.1:" + listeners.workerBinds().get(0).split(":")[1]),
                    listeners.runningOn());
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Connections are refused while the server restarts: handing a listening "
                + "socket to child processes needs the Java 22 part of jvicorn's multi-release jar"), warnings.get(0));
    }

    @Test
    void severalPlacesAreReservedWithAWarning() throws Exception {
        ServerConfig config = ServerConfig.builder(UNUSED).bind("127.0.0.1:0").bind("127.0.0.1:0").build();
        try (SharedListeners listeners = SharedListeners.listenForReload(config)) {
            assertEquals(2, listeners.workerBinds().size());
            assertFalse(listeners.inheritStandardInput());
        }
        assertEquals(List.of("Connections are refused while the server restarts: with several places to listen on, the "
                + "reloader cannot hand them to the server process, which inherits a single listening socket"), warnings);
    }

    @Test
    void aPortInUseIsABindError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerStartupException e = assertThrows(ServerStartupException.class, () -> SharedListeners.listenForReload(
                    ServerConfig.builder(UNUSED).port(taken.getLocalPort()).build()));
            assertTrue(e.getMessage().startsWith("error while attempting to bind on address 127.0.0.1:"
                    + taken.getLocalPort()), e.getMessage());
        }
    }
}
