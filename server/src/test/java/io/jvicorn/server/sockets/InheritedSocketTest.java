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
import java.io.File;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code --fd}: the JVM adopts the listening socket it inherits as standard input, and nothing else. */
class InheritedSocketTest {
    /** Binds a listening socket, reports its port, makes it the standard input and becomes the given command. */
    private static final String ACTIVATOR = """
            import os, socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen(16)
            print(s.getsockname()[1], flush=True)
            os.dup2(s.fileno(), 0)
            os.execvp(sys.argv[1], sys.argv[1:])
            """;

    @Test
    void descriptorOtherThanZeroIsRefusedWithTheWayToDoIt() {
        Server server = new Server(ServerConfig.builder(new ScopeApp()).fd(3).build());
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertTrue(e.getMessage().contains("--fd 3: the JVM can only adopt a listening socket passed as its standard "
                + "input (file descriptor 0)"), e.getMessage());
        assertTrue(e.getMessage().contains("StandardInput=socket"), e.getMessage());
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
        String python = findPython();
        Assumptions.assumeTrue(python != null, "python3 not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(python, "-c", ACTIVATOR, java, "-cp", System.getProperty("java.class.path"),
                InheritedSocketMain.class.getName()).redirectErrorStream(true).start();
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

    private static String findPython() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "python3");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}
