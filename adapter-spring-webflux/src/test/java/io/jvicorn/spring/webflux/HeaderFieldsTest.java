package io.jvicorn.spring.webflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** {@link HeaderFields} behind Spring's {@link HttpHeaders}, and the response's zero-copy buffer read. */
class HeaderFieldsTest {

    private static HttpHeaders request() {
        return new HttpHeaders(new HeaderFields(List.of(Header.of("host", "example.com"), Header.of("accept", "a/b"),
                Header.of("cookie", "a=1"), Header.of("accept", "c/d"))));
    }

    @Test
    void requestHeadersAreFoundIgnoringCaseWithEveryValueInOrder() {
        HttpHeaders h = request();
        assertEquals("example.com", h.getFirst("Host"));
        assertEquals(List.of("a/b", "c/d"), h.get("ACCEPT"));
        assertTrue(h.containsHeader("Cookie"));
        assertFalse(h.containsHeader("content-type"));
        assertNull(h.get("content-type"));
        assertEquals(3, h.size(), "distinct names");
        assertEquals(List.of("host", "accept", "cookie"), List.copyOf(h.headerNames()));
        assertEquals("[host:\"example.com\", accept:\"a/b\", \"c/d\", cookie:\"a=1\"]", h.toString());
        assertEquals(Map.of("host", "example.com", "accept", "a/b", "cookie", "a=1"), h.toSingleValueMap());
        assertEquals("a/b", h.toSingleValueMap().get("Accept"), "the single-value map ignores case too");
    }

    @Test
    void responseHeadersKeepTheirOrderAndSpellingAndReplaceInPlace() {
        HeaderFields fields = new HeaderFields();
        HttpHeaders h = new HttpHeaders(fields);
        h.setContentType(MediaType.APPLICATION_JSON);
        h.add("Set-Cookie", "a=1");
        h.add("set-cookie", "b=2");
        h.setContentLength(27);
        h.set("content-type", "text/plain"); // replaces the one field, keeping its place and first spelling
        assertEquals(List.of(Header.of("Content-Type", "text/plain"), Header.of("Set-Cookie", "a=1"),
                Header.of("set-cookie", "b=2"), Header.of("Content-Length", "27")), fields.toHeaders());

        h.set("SET-COOKIE", "c=3"); // several fields: all removed, the new one appended
        assertEquals(List.of(Header.of("Content-Type", "text/plain"), Header.of("Content-Length", "27"),
                Header.of("SET-COOKIE", "c=3")), fields.toHeaders());
        assertEquals(List.of("27"), h.remove("content-length"));
        assertNull(h.remove("content-length"));
        assertEquals(List.of("c=3"), h.put("set-cookie", List.of("d=4", "e=5")));
        assertEquals(List.of("d=4", "e=5"), h.get("Set-Cookie"));
        h.clear();
        assertTrue(h.isEmpty());
        assertEquals(List.of(), fields.toHeaders());
    }

    @Test
    void manyFieldsGrowTheStore() {
        HeaderFields fields = new HeaderFields();
        List<Header> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fields.add("x-" + i, Integer.toString(i));
            expected.add(Header.of("x-" + i, Integer.toString(i)));
        }
        assertEquals(expected, fields.toHeaders());
        assertEquals(40, fields.size());
    }

    @Test
    void removingThroughTheEntryIteratorRemovesEveryFieldOfTheName() {
        HttpHeaders h = request();
        Iterator<Map.Entry<String, List<String>>> it = h.headerSet().iterator();
        List<String> seen = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, List<String>> e = it.next();
            seen.add(e.getKey() + "=" + e.getValue());
            if (e.getKey().equals("accept")) {
                it.remove();
            }
        }
        assertEquals(List.of("host=[example.com]", "accept=[a/b, c/d]", "cookie=[a=1]"), seen);
        assertEquals(List.of("host", "cookie"), List.copyOf(h.headerNames()));
    }

    @Test
    void anInvalidFieldIsRefusedWhenTheStartIsBuilt() {
        HeaderFields fields = new HeaderFields();
        fields.add("x-bad", "a\r\nInjected: yes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, fields::toHeaders);
        assertTrue(e.getMessage().contains("x-bad"), e.getMessage());
    }

    @Test
    void aHeapBufferHoldingExactlyItsBytesIsSentWithoutACopy() {
        DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
        byte[] body = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);
        assertSame(body, JvicornServerHttpResponse.bytes(factory.wrap(body)));

        DataBuffer larger = factory.allocateBuffer(64).write(body); // room left over: copied, exactly
        byte[] copy = JvicornServerHttpResponse.bytes(larger);
        assertNotSame(body, copy);
        assertEquals(new String(body, StandardCharsets.US_ASCII), new String(copy, StandardCharsets.US_ASCII));

        DataBuffer partlyRead = factory.wrap(body.clone());
        partlyRead.readPosition(2);
        assertEquals("message\":\"Hello, World!\"}",
                new String(JvicornServerHttpResponse.bytes(partlyRead), StandardCharsets.US_ASCII));

        DataBuffer slice = factory.wrap(ByteBuffer.wrap(body, 1, 5).slice()); // an array offset: copied
        assertEquals("\"mess", new String(JvicornServerHttpResponse.bytes(slice), StandardCharsets.US_ASCII));
    }
}
