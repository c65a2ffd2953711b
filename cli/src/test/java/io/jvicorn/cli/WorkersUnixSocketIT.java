package io.jvicorn.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jvicorn.cli.testapps.PidApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --uds} with {@code --workers} from the shaded jar: the supervisor binds the unix socket and the workers
 * inherit it (as their standard input), as Uvicorn's and Gunicorn's do; the file is removed when the supervisor exits.
 */
@Timeout(120)
class WorkersUnixSocketIT {
    private static final Pattern STARTUP_COMPLETE = Pattern.compile("Application startup complete\\.");

    @Test
    void workersShareTheSupervisorsUnixSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("workers.sock");
        String appDir = Path.of(PidApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (SupervisedProcess p = SupervisedProcess.startJar("io.jvicorn.cli.testapps:PidApp", "--app-dir", appDir,
                "--uds", socket.toString(), "--workers", "2")) {
            p.awaitLine(Pattern.compile("jvicorn running on unix socket " + Pattern.quote(socket.toString())));
            p.awaitLine(STARTUP_COMPLETE, 2);
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            List<Long> workers = p.workerPids();
            assertEquals(2, workers.size(), p.output());
            Set<Long> served = new HashSet<>();
            // Both workers accept on the one socket; which one takes a connection is up to the kernel.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                served.add(Long.parseLong(get(socket)));
                return served.size() == 2;
            });
            assertEquals(Set.copyOf(workers), served);

            p.process().toHandle().destroy(); // SIGTERM
            assertEquals(0, p.awaitExit(), p.output());
            assertFalse(Files.exists(socket), "the socket file is removed at exit");
        }
    }

    /** One request over the unix socket; the body (the serving worker's pid). */
    private static String get(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer.clear()) > 0) {
                all.write(buffer.array(), 0, buffer.position());
            }
            String response = all.toString(StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 200 ")) {
                throw new IOException("unexpected response: " + response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
