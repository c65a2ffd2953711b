package io.jvicorn.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaiveRequestScannerTest {
    private final NaiveRequestScanner scanner = new NaiveRequestScanner();
    private final List<ByteBuffer> out = new ArrayList<>();

    private void feed(String bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes.getBytes(StandardCharsets.US_ASCII));
        scanner.scan(in, out);
        assertEquals(0, in.position(), "the scanner leaves the buffer as it was");
    }

    private static String body(ByteBuffer response) {
        String text = StandardCharsets.US_ASCII.decode(response.duplicate()).toString();
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void answersEachPipelinedHeadInOrderByItsPath() {
        feed("GET /json HTTP/1.1\r\nHost: a\r\n\r\nGET /plaintext HTTP/1.1\r\n\r\nGET /10k HTTP/1.1\r\n\r\n");

        assertEquals(3, out.size());
        assertEquals("{\"message\":\"Hello, World!\"}", body(out.get(0)));
        assertEquals("Hello, world!", body(out.get(1)));
        assertEquals(10 * 1024, body(out.get(2)).length());
    }

    @Test
    void findsAHeadWhoseEndArrivesInPieces() {
        feed("GET /1m HTTP/1.1\r\nHost: a\r");
        feed("\n\r");
        assertEquals(0, out.size());

        feed("\n");

        assertEquals(1, out.size());
        assertEquals(1024 * 1024, body(out.get(0)).length());
    }

    @Test
    void givesEveryResponseItsOwnView() {
        feed("GET /plaintext HTTP/1.1\r\n\r\nGET /plaintext HTTP/1.1\r\n\r\n");
        out.get(0).position(out.get(0).limit());

        assertEquals("Hello, world!", body(out.get(1)));
    }
}
