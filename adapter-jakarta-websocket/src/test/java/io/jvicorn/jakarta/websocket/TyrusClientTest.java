package io.jvicorn.jakarta.websocket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Tyrus client (a second implementation of the same API) against endpoints deployed on a real jvicorn server. */
class TyrusClientTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        JakartaServerContainer container = new JakartaServerContainer();
        container.addEndpoint(TestEndpoints.Rooms.class);
        container.addEndpoint(TestEndpoints.Partial.class);
        container.addEndpoint(TestEndpoints.Streams.class);
        container.addEndpoint(TestEndpoints.Doubler.class);
        container.addEndpoint(TestEndpoints.Points.class);
        container.addEndpoint(TestEndpoints.Closer.class);
        container.addEndpoint(TestEndpoints.Pinger.class);
        container.addEndpoint(TestEndpoints.Coders.class);
        container.addEndpoint(TestEndpoints.PointBytes.class);
        container.addEndpoint(CommandEndpoint.config("/command"));
        server = TestServer.start(container.application());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        Events.clear();
    }

    @Test
    void pathParametersQueryAndReturnValuesThenClose() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/rooms/lobby/7?a=1&a=2&b=x%20y"))) {
            c.sendText("hi");
            assertEquals("text:lobby#7:hi", c.next());
            c.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}));
            assertEquals("binary:7f0102", c.next());
        }
        await().until(() -> Events.with("rooms close").size() == 1);
        assertEquals(List.of("rooms open lobby 7 query=a=1&a=2&b=x%20y params={a=[1, 2], b=[x y], room=[lobby], seat=[7]}",
                "rooms text hi", "rooms binary 2", "rooms close lobby 1000 "), Events.all());
    }

    @Test
    void aPathValueThatIsNotAnIntFailsOnOpenAndTheSessionStaysUp() throws Exception {
        // /rooms/{room}/{seat} matches; "x" is not an int: @OnOpen fails with a DecodeException, which Rooms has no
        // @OnError for (logged), and the session still serves messages whose methods take no seat.
        try (RecordingClient c = RecordingClient.connect(server.ws("/rooms/lobby/x"))) {
            c.sendBinary(ByteBuffer.wrap(new byte[] {5}));
            assertEquals("binary:7f05", c.next());
        }
    }

    @Test
    void partialMessagesFromTheClientArriveWhole() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/partial"))) {
            c.session.getBasicRemote().sendText("ab", false);
            c.session.getBasicRemote().sendText("cd", true);
            assertEquals("text:text last=true abcd", c.next());
            c.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[3]), false);
            c.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[4]), true);
            assertEquals("text:binary last=true 7", c.next());
        }
    }

    @Test
    void readerAndInputStream() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/streams"))) {
            c.sendText("x".repeat(1000));
            assertEquals("text:reader 1000 xxxxx", c.next());
            c.sendBinary(ByteBuffer.allocate(70_000));
            assertEquals("text:stream 70000", c.next());
        }
    }

    @Test
    void primitiveMessagesAndTheirConversionErrors() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/double"))) {
            c.sendText("21");
            assertEquals("text:42", c.next());
            c.sendText("twenty");
            assertEquals("text:error DecodeException", c.next());
            c.sendText("-4");
            assertEquals("text:-8", c.next());
        }
    }

    @Test
    void decodersAndEncoders() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/points"))) {
            c.sendText("3,4");
            assertEquals("binary:" + HexFormat.of().formatHex("moving 3".getBytes(StandardCharsets.UTF_8)), c.next());
            assertEquals("text:(4,5)", c.next());
            // No decoder will decode this one: dropped, as Tyrus drops it; the next is answered.
            c.sendText("no comma");
            c.sendText("7,8");
            assertEquals("binary:" + HexFormat.of().formatHex("moving 7".getBytes(StandardCharsets.UTF_8)), c.next());
            assertEquals("text:(8,9)", c.next());
        }
    }

    @Test
    void pingsFromTheEndpointAreAnsweredToItsPongHandlerAndPongsReachTheClient() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/ping"))) {
            c.sendText("ping-1");
            assertEquals("text:pong ping-1", c.next());
            c.sendText("beat");
            assertEquals("pong:" + HexFormat.of().formatHex("beat".getBytes(StandardCharsets.UTF_8)), c.next());
            c.sendText("ping-2");
            assertEquals("text:pong ping-2", c.next());
        }
    }

    @Test
    void streamAndBinaryCoders() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/coders"))) {
            c.sendText("1,2\nignored");
            assertEquals("text:[2 1]", c.next());
            c.sendBinary(ByteBuffer.allocate(33));
            assertEquals("binary:" + HexFormat.of().formatHex("bytes 33".getBytes(StandardCharsets.UTF_8)), c.next());
        }
        try (RecordingClient c = RecordingClient.connect(server.ws("/point-bytes"))) {
            c.sendBinary(ByteBuffer.wrap(new byte[] {6, 9}));
            assertEquals("text:(6,9)", c.next());
        }
    }

    @Test
    void aMessageKindWithoutAHandlerClosesWith1003() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/close"))) {
            c.sendBinary(ByteBuffer.wrap(new byte[] {1}));
            assertEquals("1003 no handler for binary messages", c.closeCode());
        }
    }

    @Test
    void sendsFromManyThreadsArriveWholeAndAllOfThem() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/command"))) {
            c.sendText("burst");
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 400; i++) {
                String m = c.next();
                assertTrue(m.matches("text:burst [0-7] [0-9]+"), m);
                assertTrue(seen.add(m), "twice: " + m);
            }
            c.sendText("uri");
            assertEquals("text:uri=" + server.ws("/command") + " secure=false path={}", c.next());
        }
    }

    @Test
    void serverClosesWithAReasonAndOnErrorKeepsTheSessionOpen() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/close"))) {
            c.sendText("fail");
            assertEquals("text:error asked to fail", c.next());
            c.sendText("still there?");
            assertEquals("text:open=true", c.next());
            c.sendText("bye");
            assertEquals("4001 server says bye", c.closeCode());
        }
        await().until(() -> Events.with("close close").size() == 1);
        assertEquals(List.of("close error asked to fail", "close close 4001 server says bye"), Events.all());
    }

    @Test
    void programmaticEndpointWithConfiguratorAndSessionApi() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/command"),
                RecordingClient.withHeaders(Map.of("X-Token", List.of("t1")), List.of("v1", "v2")))) {
            c.sendText("props");
            assertEquals("text:token=t1", c.next());
            // The client prefers v1; the server's own order does not matter (the default configurator's rule).
            c.sendText("subprotocol");
            assertEquals("text:subprotocol=v1", c.next());
            assertEquals("v1", c.session.getNegotiatedSubprotocol());
            try (RecordingClient other = RecordingClient.connect(server.ws("/command"))) {
                c.sendText("sessions");
                assertEquals("text:sessions=2", c.next());
            }
            c.sendText("async");
            assertEquals("text:future", c.next());
            assertEquals("binary:09", c.next());
            assertEquals("text:handler ok=true", c.next());
            c.sendText("parts");
            assertEquals("text:hello", c.next());
            assertEquals("text:written", c.next());
            assertEquals("text:42", c.next());
            c.sendBinary(ByteBuffer.allocate(12));
            assertEquals("text:partial 12 true", c.next());
        }
        await().until(() -> Events.with("command close").size() == 2);
    }

    @Test
    void maxTextMessageBufferSizeClosesWith1009() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/command"))) {
            c.sendText("limit");
            assertEquals("text:limited", c.next());
            c.sendText("0123456789");
            assertEquals("text:echo 0123456789", c.next());
            c.sendText("0123456789A");
            assertTrue(c.closeCode().startsWith("1009 "), c.closed.get().toString());
        }
        await().until(() -> Events.with("command close 1009").size() == 1);
    }

    @Test
    void maxIdleTimeoutClosesWith1001() throws Exception {
        try (RecordingClient c = RecordingClient.connect(server.ws("/command"))) {
            c.sendText("idle");
            assertEquals("text:idle armed", c.next());
            assertTrue(c.closeCode().startsWith("1001 idle"), c.closed.get().toString());
        }
        await().until(() -> Events.with("command close 1001").size() == 1);
    }

    @Test
    void originRefusedAndUnknownPathRefused() {
        assertThrows(DeploymentException.class, () -> RecordingClient.connect(server.ws("/command"),
                RecordingClient.withHeaders(Map.of("Origin", List.of("http://evil.example")), List.of())));
        assertThrows(DeploymentException.class, () -> RecordingClient.connect(server.ws("/nowhere")));
    }
}
