package io.jvicorn.asgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Header;
import org.junit.jupiter.api.Test;

class CheckedHeadersTest {

    @Test
    void aCheckedHeaderIsTheSameValueAsAPublicOne() {
        Header parsed = CheckedHeaders.of("host", "example.com");
        Header built = new Header("host", "example.com");
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertEquals("Header[name=host, value=example.com]", parsed.toString());
    }

    @Test
    void thePublicConstructorStillChecks() {
        assertThrows(IllegalArgumentException.class, () -> new Header("bad name", "v"));
        assertThrows(IllegalArgumentException.class, () -> new Header("x", "a\r\nInjected: 1"));
    }

    @Test
    void theMakerIsInstalledOnce() {
        CheckedHeaders.of("x", "y"); // Header is initialized by now
        assertThrows(IllegalStateException.class, () -> CheckedHeaders.install((n, v) -> new Header(n, v)));
    }
}
