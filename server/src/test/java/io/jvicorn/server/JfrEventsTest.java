package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events a server emits, recorded in this JVM and read back from the dumped file. */
class JfrEventsTest {
    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Test
    void requestsConnectionsAndWebSocketSessionsAreRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.jfr");
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             Recording recording = new Recording()) {
            recording.enable("jvicorn.Request");
            recording.enable("jvicorn.Connection");
            recording.enable("jvicorn.WebSocketSession");
            recording.start();
            try (TestServer s = TestServer.start(ObservedApps.echo())) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/status/418")))
                        .POST(HttpRequest.BodyPublishers.ofString("teapot")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(418, r.statusCode());
                ObservedApps.webSocketRoundTrip(client, s.port(), "over jfr");
            } // closing the server closes every connection: their events are committed
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        List<RecordedEvent> requests = named(events, "jvicorn.Request");
        assertEquals(1, requests.size(), requests::toString);
        RecordedEvent request = requests.get(0);
        assertEquals("POST", request.getString("method"));
        assertEquals("/status/418", request.getString("path"));
        assertEquals(418, request.getInt("status"));
        assertEquals(6, request.getLong("bytesIn"));
        assertEquals(6, request.getLong("bytesOut"));
        assertFalse(request.getDuration().isNegative());

        List<RecordedEvent> sessions = named(events, "jvicorn.WebSocketSession");
        assertEquals(1, sessions.size(), sessions::toString);
        assertEquals("/ws", sessions.get(0).getString("path"));
        assertEquals(1, sessions.get(0).getLong("messagesSent"));
        assertTrue(sessions.get(0).getDuration().compareTo(Duration.ZERO) > 0);

        List<RecordedEvent> connections = named(events, "jvicorn.Connection");
        assertFalse(connections.isEmpty(), events::toString); // the HTTP client's (its WebSocket may reuse it)
        for (RecordedEvent connection : connections) {
            assertTrue(connection.getString("remoteAddress").contains("127.0.0.1"), connection::toString);
            assertFalse(connection.getBoolean("tls"));
        }
    }

    @Test
    void nothingIsRecordedWhenTheEventsAreDisabled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("off.jfr");
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             Recording recording = new Recording()) {
            recording.disable("jvicorn.Request");
            recording.disable("jvicorn.Connection");
            recording.disable("jvicorn.WebSocketSession");
            recording.enable("jdk.ThreadStart"); // something, so the recording is not empty
            recording.start();
            try (TestServer s = TestServer.start(ObservedApps.echo())) {
                assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(s.url("/"))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        assertTrue(events.stream().noneMatch(e -> e.getEventType().getName().startsWith("jvicorn.")),
                events::toString);
    }
}
