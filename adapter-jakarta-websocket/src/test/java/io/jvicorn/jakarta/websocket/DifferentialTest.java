package io.jvicorn.jakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The same endpoint classes deployed on jvicorn and on Tyrus's own server (the reference implementation, on Grizzly),
 * driven by one scripted client: the messages each sends back, the close codes and reasons, and the callbacks the
 * endpoints saw must be the same.
 *
 * <p>Left out, where jvicorn does what this project's brief asks and Tyrus 2.2 differs: a session idle past
 * {@code setMaxIdleTimeout} is closed with 1001 (Tyrus sends 1000 and reports 1006 to {@code onClose}), and a
 * whole message over {@code setMaxTextMessageBufferSize} closes with 1009 (Tyrus let an unfragmented one through).
 * Both are covered in {@link TyrusClientTest}. Messages the client fragments reach jvicorn's endpoints whole (its
 * application protocol carries whole messages), so the script sends unfragmented ones.
 */
class DifferentialTest {
    private static final List<Class<?>> ANNOTATED = List.of(TestEndpoints.Rooms.class, TestEndpoints.Partial.class,
            TestEndpoints.Streams.class, TestEndpoints.Doubler.class, TestEndpoints.Points.class,
            TestEndpoints.Closer.class, TestEndpoints.Pinger.class);

    /** How Tyrus's server finds the programmatic endpoint (and the annotated ones, which it scans itself). */
    public static class Application implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of(CommandEndpoint.config("/command"));
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.copyOf(ANNOTATED);
        }
    }

    /** One step: send something, then read this many replies (a close counts as the last). */
    private record Step(String send, int replies) {
    }

    private record Script(String path, List<Step> steps) {
    }

    private static final List<Script> SCRIPTS = List.of(
            new Script("/rooms/lobby/7?a=1&a=2&b=x%20y", List.of(new Step("text:hi", 1),
                    new Step("binary:0102", 1), new Step("close:4100 client done", 1))),
            new Script("/partial", List.of(new Step("text:whole", 1), new Step("binary:000102", 1),
                    new Step("close:1000 ", 1))),
            new Script("/streams", List.of(new Step("text:" + "y".repeat(300), 1), new Step("binary:" + "00".repeat(5000), 1),
                    new Step("close:1000 ", 1))),
            new Script("/double", List.of(new Step("text:21", 1), new Step("text:twenty", 1), new Step("text:-4", 1),
                    new Step("close:1000 ", 1))),
            new Script("/points", List.of(new Step("text:3,4", 2), new Step("text:no comma", 0), new Step("text:5,6", 2),
                    new Step("close:1000 ", 1))),
            new Script("/ping", List.of(new Step("text:ping-a", 1), new Step("text:beat", 1),
                    new Step("text:ping-b", 1), new Step("close:1000 ", 1))),
            new Script("/close", List.of(new Step("text:fail", 1), new Step("text:again", 1), new Step("text:bye", 1))),
            new Script("/command", List.of(new Step("text:props", 1), new Step("text:async", 3),
                    new Step("text:parts", 3), new Step("binary:0000", 1), new Step("close:1000 ", 1))),
            new Script("/nowhere", List.of()));

    @Test
    void jvicornAndTyrusAnswerTheScriptAlike() throws Exception {
        JakartaServerContainer container = new JakartaServerContainer();
        for (Class<?> c : ANNOTATED) {
            container.addEndpoint(c);
        }
        container.addEndpoint(CommandEndpoint.config("/command"));
        List<String> jvicorn;
        try (TestServer s = TestServer.start(container.application())) {
            jvicorn = runAll(path -> s.ws(path));
        }
        // Tyrus's server takes port 0 for its default, 8025: give it a port the system chose instead.
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        org.glassfish.tyrus.server.Server tyrus = new org.glassfish.tyrus.server.Server("127.0.0.1", free, "/", null,
                Application.class);
        tyrus.start();
        List<String> reference;
        try {
            int port = tyrus.getPort();
            reference = runAll(path -> URI.create("ws://127.0.0.1:" + port + path));
        } finally {
            tyrus.stop();
        }
        assertEquals(String.join("\n", reference), String.join("\n", jvicorn));
    }

    private static List<String> runAll(Function<String, URI> uri) throws Exception {
        List<String> transcript = new ArrayList<>();
        for (Script script : SCRIPTS) {
            Events.clear();
            transcript.add("== " + script.path());
            RecordingClient c;
            try {
                c = RecordingClient.connect(uri.apply(script.path()));
            } catch (Exception e) {
                transcript.add("connect failed: " + e.getClass().getSimpleName());
                continue;
            }
            try (c) {
                for (Step step : script.steps()) {
                    send(c, step.send());
                    for (int i = 0; i < step.replies(); i++) {
                        transcript.add(reply(c));
                    }
                }
            }
            // The endpoint's own callbacks, once its onClose has run.
            org.awaitility.Awaitility.await().until(() -> Events.all().stream().anyMatch(e -> e.contains(" close "))
                    || !Events.all().stream().anyMatch(e -> e.contains(" open ")));
            for (String e : Events.all()) {
                transcript.add("server: " + e);
            }
        }
        return transcript;
    }

    private static void send(RecordingClient c, String what) throws Exception {
        int colon = what.indexOf(':');
        String kind = what.substring(0, colon);
        String value = what.substring(colon + 1);
        switch (kind) {
            case "text" -> c.sendText(value);
            case "binary" -> c.sendBinary(ByteBuffer.wrap(HexFormat.of().parseHex(value)));
            case "close" -> {
                int space = value.indexOf(' ');
                c.session.close(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes
                        .getCloseCode(Integer.parseInt(value.substring(0, space))), value.substring(space + 1)));
            }
            default -> throw new IllegalArgumentException(what);
        }
    }

    /** The next message or the close; "nothing" when neither comes within 5 s. */
    private static String reply(RecordingClient c) throws Exception {
        String m = c.received.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            return "nothing";
        }
        return m.length() > 80 ? m.substring(0, 80) + "..." : m;
    }
}
