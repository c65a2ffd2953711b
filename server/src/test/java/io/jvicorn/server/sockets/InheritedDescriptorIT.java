package io.jvicorn.server.sockets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.tls.ScopeApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code --fd N} for N other than 0, with the Java 22 variant of the descriptor move: failsafe runs this against the
 * packaged multi-release jar, on Java 22 or newer.
 */
class InheritedDescriptorIT {
    @Test
    void servesOnAListeningSocketInheritedAsDescriptor3() throws Exception {
        String python = SocketActivator.python();
        Assumptions.assumeTrue(python != null, "python3 not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The flag an embedder gives: without it the JVM warns about the native call (the CLI's manifest grants it).
        Process child = SocketActivator.start(python, 3, List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), InheritedSocketMain.class.getName(), "3"));
        InheritedSocketTest.assertServesScope(child);
    }

    @Test
    void descriptorThatIsNotOpenIsRefused() {
        assertStartupError(999, "--fd 999: no file descriptor 999 is open in this process (EBADF); start jvicorn "
                + "from a systemd .socket unit (Accept=no), which passes its first socket as descriptor 3");
    }

    @Test
    void descriptorThatIsNotASocketIsRefused() {
        // Standard error of a test JVM is a pipe or a file; it is checked, not moved, so the test run keeps it.
        assertStartupError(2, "--fd 2: file descriptor 2 is not a socket (ENOTSOCK)");
    }

    private static void assertStartupError(int fd, String expected) {
        Server server = new Server(ServerConfig.builder(new ScopeApp()).fd(fd).build());
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
