package io.jvicorn.server.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.tls.HttpMessage;
import io.jvicorn.server.tls.ScopeApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code --fd}: the JVM adopts the listening socket it inherits as standard input; other descriptors are moved there
 * on Java 22 or newer ({@link InheritedDescriptorIT}).
 */
class InheritedSocketTest {
    /**
     * Tests run on {@code target/classes}, where only the Java 21 variant of the descriptor move exists (the Java 22
     * one is in the multi-release jar, tested by {@link InheritedDescriptorIT}): it says what {@code --fd 3} needs.
     */
    @Test
    void descriptorOtherThanZeroOutsideTheMultiReleaseJarSaysWhatItNeeds() {
        Server server = new Server(ServerConfig.builder(new ScopeApp()).fd(3).build());
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertTrue(e.getMessage().startsWith(Runtime.version().feature() < 22
                ? "--fd 3 needs Java 22 or newer (this is Java " + Runtime.version().feature() + ")"
                : "--fd 3 needs the Java 22 part of jvicorn's multi-release jar"), e.getMessage());
        assertTrue(e.getMessage().contains("--fd 0"), e.getMessage());
    }

    @Test
    void onlyOneInheritedSocketCanBeListenedOn() {
        Server server = new Server(ServerConfig.builder(new ScopeApp()).fd(3).bind("fd://0").build());
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertTrue(e.getMessage().startsWith("only one inherited socket can be listened on, got file descriptors "
                + "[0, 3] from --fd and --bind fd://"), e.getMessage());
    }

    @Test
    void standardInputThatIsNotASocketIsRefused() throws Exception {
        Assumptions.assumeTrue(System.inheritedChannel() == null, "this JVM did inherit a channel");
        Server server = new Server(ServerConfig.builder(new ScopeApp()).bind("fd://0").build());
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertTrue(e.getMessage().contains("--fd 0: standard input is not a socket"), e.getMessage());
    }

    @Test
    void servesOnTheInheritedSocket() throws Exception {
        String python = SocketActivator.python();
        Assumptions.assumeTrue(python != null, "python3 not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = SocketActivator.start(python, 0, List.of(java, "-cp", System.getProperty("java.class.path"),
                InheritedSocketMain.class.getName()));
        assertServesScope(child);
    }

    /** Reads the port and {@link InheritedSocketMain}'s ready line, asks for /scope, and ends the child. */
    static void assertServesScope(Process child) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            int port = Integer.parseInt(out.readLine().strip());
            String ready = out.readLine();
            assertEquals("listening on [/127.0.0.1:" + port + "] [socket ('127.0.0.1', " + port + ")]", ready);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /scope HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String scope = HttpMessage.read(socket.getInputStream()).text();
                assertTrue(scope.startsWith("scheme=http\nserver=127.0.0.1:" + port + "\n"), scope);
            }
        } finally {
            child.destroy();
            child.waitFor();
        }
    }
}
