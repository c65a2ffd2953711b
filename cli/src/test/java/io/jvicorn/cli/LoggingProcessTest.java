package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Uvicorn's log lines, levels and order, through the real command. */
class LoggingProcessTest {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) ");

    /** Sends raw bytes on a new connection and returns everything the server answers until it closes. */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int awaitPort(BufferedReader out, List<String> lines) throws IOException {
        return Integer.parseInt(JvicornProcess.awaitLine(out, RUNNING, lines).group(1));
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + start + "' in " + lines);
    }

    private static List<String> finish(Process p, BufferedReader out, List<String> lines) throws Exception {
        lines.addAll(JvicornProcess.drain(out).lines().toList());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not exit: " + lines);
        assertEquals(0, p.exitValue(), lines.toString());
        return lines;
    }

    @Test
    void debugShowsJvicornsDebugLinesAndNoneOfTheJdks() throws Exception {
        Process p = JvicornProcess.start("io.jvicorn.cli.testapps:LifespanTestApp", "--port", "0", "--log-level", "debug");
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = awaitPort(out, lines);
            String response = exchange(port, "G?T / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
            p.toHandle().destroy(); // SIGTERM: the command exits through System.exit, which the JDK logs at DEBUG
            finish(p, out, lines);
            int warning = indexOf(lines, "WARNING:  Invalid HTTP request received.");
            assertEquals("WARNING:  Invalid HTTP request received.", lines.get(warning));
            assertTrue(lines.get(warning + 1).startsWith("DEBUG:    Invalid HTTP request from "), lines.toString());
            // The JDK's own loggers stay at INFO: no Runtime.exit stack trace, no line outside jvicorn's layout.
            assertFalse(String.join("\n", lines).contains("Runtime.exit"), lines.toString());
            for (String line : lines) {
                assertTrue(line.matches("(INFO|WARNING|DEBUG|TRACE): +.*"), line);
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void anInvalidRequestIsAWarningAtTheDefaultLevel() throws Exception {
        Process p = JvicornProcess.start("io.jvicorn.cli.testapps:HelloTestApp", "--port", "0");
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = awaitPort(out, lines);
            exchange(port, "GET / HTTP1.1\r\n\r\n");
            p.toHandle().destroy();
            finish(p, out, lines);
            assertEquals("WARNING:  Invalid HTTP request received.",
                    lines.get(indexOf(lines, "WARNING:  Invalid HTTP request received.")));
            assertFalse(lines.stream().anyMatch(line -> line.startsWith("DEBUG")), lines.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void maxRequestsIsInfoFollowedByTheShutdownLines() throws Exception {
        Process p = JvicornProcess.start("io.jvicorn.cli.testapps:LifespanTestApp", "--port", "0",
                "--limit-max-requests", "1");
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = awaitPort(out, lines);
            assertTrue(exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").endsWith("hi"));
            finish(p, out, lines);
            int limit = indexOf(lines, "INFO:     Maximum request limit of 1 exceeded. Terminating process.");
            int shuttingDown = indexOf(lines, "INFO:     Shutting down");
            int lifespan = indexOf(lines, "INFO:     Waiting for application shutdown.");
            int complete = indexOf(lines, "INFO:     Application shutdown complete.");
            int finished = indexOf(lines, "INFO:     Finished server process [");
            assertTrue(limit < shuttingDown && shuttingDown < lifespan && lifespan < complete && complete < finished,
                    lines.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theBindErrorComesBeforeTheLifespanShutdown() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process p = JvicornProcess.start("io.jvicorn.cli.testapps:LifespanTestApp", "--port",
                    Integer.toString(taken.getLocalPort()));
            try {
                List<String> lines = JvicornProcess.drain(JvicornProcess.output(p)).lines().toList();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
                assertEquals(3, p.exitValue(), lines.toString());
                int error = indexOf(lines, "ERROR:    ");
                assertTrue(lines.get(error).contains("error while attempting to bind"), lines.toString());
                assertTrue(error < indexOf(lines, "INFO:     Waiting for application shutdown."), lines.toString());
                assertTrue(indexOf(lines, "INFO:     Application shutdown complete.") < lines.size(), lines.toString());
                assertEquals(1, lines.stream().filter(line -> line.contains("error while attempting to bind")).count(),
                        "logged once: " + lines);
                assertFalse(lines.stream().anyMatch(line -> line.contains("Shutting down")), lines.toString());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void jsonAccessLinesAreBareObjectsWithEscapedText() throws Exception {
        Process p = JvicornProcess.start("io.jvicorn.cli.testapps:HelloTestApp", "--port", "0",
                "--access-log-format", "json");
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = awaitPort(out, lines);
            // The user agent in UTF-8 (as ISO-8859-1 chars, one per byte), with a quote and a backslash.
            String agent = new String("t\u00e9st \"q\" \\ \u20ac".getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            assertTrue(exchange(port, "GET /a%22b?x=1 HTTP/1.1\r\nHost: x\r\nUser-Agent: " + agent
                    + "\r\nConnection: close\r\n\r\n").endsWith("hi"));
            p.toHandle().destroy();
            finish(p, out, lines);
            List<String> json = lines.stream().filter(line -> line.startsWith("{")).toList();
            assertEquals(1, json.size(), lines.toString());
            String line = json.get(0);
            assertTrue(line.matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
                    + "\"client\":\"127\\.0\\.0\\.1:\\d+\",\"method\":\"GET\",\"path\":\"/a%22b\",\"query\":\"x=1\","
                    + "\"http_version\":\"1\\.1\",\"status\":200,\"bytes\":2,\"duration\":\\d+\\.\\d{6},"
                    + "\"user_agent\":\"t\\\\u00e9st \\\\\"q\\\\\" \\\\\\\\ \\\\u20ac\",\"referer\":null\\}"), line);
            // Everything else keeps Uvicorn's layout; no access line has the level prefix.
            for (String other : lines) {
                assertTrue(other.startsWith("{") || other.matches("(INFO|WARNING): +.*"), other);
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
