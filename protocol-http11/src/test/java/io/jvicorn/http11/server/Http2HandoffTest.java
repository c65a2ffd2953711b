package io.jvicorn.http11.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HTTP/2 prior knowledge on the HTTP/1.1 port: told from a request line by the first 14 bytes, in any split. */
class Http2HandoffTest {
    private static final Application HELLO = (scope, receive, send) -> {
        send.send(new HttpResponseStart(200, List.of()));
        send.send(new HttpResponseBody("hi".getBytes(StandardCharsets.US_ASCII), false));
    };

    /** An HTTP/2 stand-in that records what it is given. */
    private static final class Recorder implements Http2Handoff {
        final List<String> input = new CopyOnWriteArrayList<>();

        @Override
        public ConnectionHandler handler(Transport transport) {
            return new ConnectionHandler() {
                @Override
                public void onData(ByteBuffer in) {
                    input.add(StandardCharsets.US_ASCII.decode(in).toString());
                }

                @Override
                public void onInputClosed() {
                }

                @Override
                public void onTick(long nowNanos) {
                }

                @Override
                public void onShutdown() {
                }

                @Override
                public void onCancel() {
                }

                @Override
                public void onClosed() {
                }
            };
        }
    }

    private static EmbeddedHttp start(Recorder recorder) {
        return EmbeddedHttp.start(HELLO, s -> s.withHttp2(recorder));
    }

    @Test
    void thePrefaceGoesToTheHttp2HandlerWithEveryByteReadSoFar() {
        Recorder recorder = new Recorder();
        try (EmbeddedHttp http = start(recorder)) {
            http.send("PRI * HT");
            http.send("TP/2.0\r\n\r\nSM\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> !recorder.input.isEmpty());
            assertEquals(List.of("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), recorder.input);
            http.send("more");
            await().atMost(5, TimeUnit.SECONDS).until(() -> recorder.input.size() == 2);
            assertEquals("more", recorder.input.get(1), "the HTTP/2 handler owns the connection now");
        }
    }

    @Test
    void aBadPrefaceAfterThePrefixIsHttp2sToJudgeNotAnHttp11Answer() {
        Recorder recorder = new Recorder();
        try (EmbeddedHttp http = start(recorder)) {
            http.send("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> !recorder.input.isEmpty());
            assertEquals("", http.output());
        }
    }

    @Test
    void http11KeepsWorkingOnThePortAndAfterItsFirstRequestNothingIsProbed() {
        Recorder recorder = new Recorder();
        try (EmbeddedHttp http = start(recorder)) {
            http.send("P");
            http.send("OST / HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n");
            http.expectOutput(EmbeddedHttp.ok("hi"));
            http.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> http.output().contains("400"));
            assertEquals(List.of(), recorder.input);
        }
    }

    @Test
    void withoutHttp2ThePrefaceIsABadHttp11Request() {
        try (EmbeddedHttp http = EmbeddedHttp.start(HELLO)) {
            http.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            await().atMost(5, TimeUnit.SECONDS).until(() -> http.output().startsWith("HTTP/1.1 4"));
        }
    }
}
