package io.jvicorn.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchAppTest {
    private final BenchApp app = new BenchApp();

    @ParameterizedTest
    @CsvSource({
        "/plaintext, text/plain, 13",
        "/json, application/json, 27",
        "/10k, application/octet-stream, 10240",
        "/1m, application/octet-stream, 1048576",
    })
    void servesEachFixedWorkloadWithItsLengthAndType(String path, String contentType, int length) throws Exception {
        List<SendEvent> sent = call(path, List.of(HttpRequest.EMPTY));

        HttpResponseStart start = assertInstanceOf(HttpResponseStart.class, sent.get(0));
        assertEquals(200, start.status());
        assertEquals(contentType, Header.first(start.headers(), "content-type"));
        assertEquals(Integer.toString(length), Header.first(start.headers(), "content-length"));
        assertEquals(length, assertInstanceOf(HttpResponseBody.class, sent.get(1)).body().length);
    }

    @Test
    void servesTheSameBytesAsTheOtherServers() throws Exception {
        byte[] body = ((HttpResponseBody) call("/10k", List.of(HttpRequest.EMPTY)).get(1)).body();

        assertEquals("abcdefghijklmnopqrstuvwxyzabc", new String(body, 0, 29, StandardCharsets.US_ASCII));
        assertArrayEquals(Workloads.pattern(10 * 1024), body);
    }

    @Test
    void echoesABodyThatArrivesInPartsWithItsLength() throws Exception {
        byte[] first = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "abcdef".getBytes(StandardCharsets.US_ASCII);

        List<SendEvent> sent = call("/echo", List.of(new HttpRequest(first, true), new HttpRequest(second, false)));

        HttpResponseStart start = (HttpResponseStart) sent.get(0);
        assertEquals("16", Header.first(start.headers(), "content-length"));
        assertEquals("0123456789abcdef", new String(((HttpResponseBody) sent.get(1)).body(), StandardCharsets.US_ASCII));
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        assertEquals(404, ((HttpResponseStart) call("/nowhere", List.of(HttpRequest.EMPTY)).get(0)).status());
    }

    @Test
    void echoesWebSocketMessagesUntilDisconnect() throws Exception {
        Queue<ReceiveEvent> incoming = new ArrayDeque<>(List.of(WebSocketConnect.INSTANCE,
                new WebSocketReceive(null, "hello"), new WebSocketReceive(new byte[] {1, 2}, null),
                new WebSocketDisconnect(1000, "")));
        List<SendEvent> sent = new ArrayList<>();
        WebSocketScope scope = new WebSocketScope(AsgiVersion.HTTP, "1.1", "ws", "/ws",
                "/ws".getBytes(StandardCharsets.US_ASCII), new byte[0], "", List.of(), null, null, List.of(),
                Map.of(), Map.of());

        app.call(scope, incoming::remove, sent::add);

        assertEquals(3, sent.size());
        assertInstanceOf(WebSocketAccept.class, sent.get(0));
        assertEquals("hello", ((WebSocketSend) sent.get(1)).text());
        assertEquals("[1, 2]", Arrays.toString(((WebSocketSend) sent.get(2)).bytes()));
    }

    private List<SendEvent> call(String path, List<HttpRequest> body) throws Exception {
        Queue<ReceiveEvent> incoming = new ArrayDeque<>(body);
        List<SendEvent> sent = new ArrayList<>();
        HttpScope scope = new HttpScope(AsgiVersion.HTTP, "1.1", path.equals("/echo") ? "POST" : "GET", "http", path,
                path.getBytes(StandardCharsets.US_ASCII), new byte[0], "", List.of(), null, null, Map.of(), Map.of());
        app.call(scope, incoming::remove, sent::add);
        return sent;
    }
}
