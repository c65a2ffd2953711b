package io.jvicorn.spring.webflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** The demo WebFlux application on a running jvicorn server, driven by Spring's WebTestClient over sockets. */
class WebFluxOnServerTest {
    private static Server server;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        server = new Server(ServerConfig.builder(new WebFluxApplication(DemoApp.handler()))
                .host("127.0.0.1").port(0).loops(2).accessLog(false).build());
        server.start();
        client = WebTestClient.bindToServer(new JdkClientHttpConnector())
                .baseUrl("http://127.0.0.1:" + server.port())
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAnnotatedControllerAnswersJson() {
        client.get().uri("/items/7").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("x-decorated", "yes")
                .expectBody(Map.class).isEqualTo(Map.of("id", "7", "name", "item 7"));
    }

    @Test
    void jsonInJsonOut() {
        client.post().uri("/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "9", "name", "chair")).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).isEqualTo(Map.of("id", "9", "name", "CHAIR"));
    }

    @Test
    void aRouterFunctionAnswersToo() {
        client.get().uri("/fn/hello").exchange()
                .expectStatus().isOk()
                .expectHeader().contentLength("hello from a RouterFunction".length())
                .expectBody(String.class).isEqualTo("hello from a RouterFunction");
        client.post().uri("/fn/echo").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":[1,2]}").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).isEqualTo(Map.of("received", Map.of("a", List.of(1, 2))));
    }

    @Test
    void errorsBecomeTheirStatus() {
        client.get().uri("/items/missing").exchange().expectStatus().isNotFound();
        client.get().uri("/boom").exchange().expectStatus().is5xxServerError();
        client.get().uri("/nowhere").exchange().expectStatus().isNotFound();
        client.post().uri("/items").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json").exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void aTenMebibyteUploadArrivesWhole() {
        byte[] data = new byte[10 * 1024 * 1024];
        new java.util.Random(42).nextBytes(data);
        client.post().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(data).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(DemoApp.Digest.of(data));
    }

    @Test
    void serverSentEventsArriveOneByOne() {
        Flux<ServerSentEvent<String>> events = client.get().uri("/events").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { }).getResponseBody();
        List<ServerSentEvent<String>> all = events.collectList().block(Duration.ofSeconds(30));
        assertEquals(List.of("event 1", "event 2", "event 3"), all.stream().map(ServerSentEvent::data).toList());
        assertEquals("3", all.get(2).id());
    }

    @Test
    void aClientThatLeavesAnEndlessStreamCancelsIt() throws Exception {
        DemoApp.ticksCancelled = new java.util.concurrent.CountDownLatch(1);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /ticks HTTP/1.1\r\nhost: test\r\naccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null && !line.equals("data:tick 1")) {
                lines.add(line);
            }
            assertEquals("HTTP/1.1 200 OK", lines.get(0));
            assertTrue(lines.contains("transfer-encoding: chunked"), lines.toString());
            assertTrue(lines.contains("data:tick 0"), lines.toString());
        } // the client leaves mid-stream
        assertTrue(DemoApp.ticksCancelled.await(30, TimeUnit.SECONDS), "the handler's stream was not cancelled");
    }

    @Test
    void cookiesBothWays() {
        client.get().uri("/cookies").cookie("session", "abc").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("set-cookie", "seen=yes; Path=/; HttpOnly")
                .expectBody(String.class).isEqualTo("session=abc");
    }

    @Test
    void theRemoteAddressIsTheClients() {
        client.get().uri("/whoami").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).value(who -> {
                    assertTrue(((String) who.get("remote")).startsWith("/127.0.0.1:"), who.toString());
                    assertEquals("/127.0.0.1:" + server.port(), who.get("local"));
                    assertEquals(false, who.get("tls"));
                    assertEquals("http://127.0.0.1:" + server.port() + "/whoami", who.get("uri"));
                });
    }
}
