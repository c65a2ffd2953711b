package io.jvicorn.http11.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jvicorn.http11.proxy.ForwardedHeader.Element;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7239 §4 and the examples of §7. */
class ForwardedHeaderTest {

    @Test
    void readsTheRfcExamples() {
        assertEquals(List.of(new Element("_gazonk", null, null)), ForwardedHeader.parse("for=\"_gazonk\""));
        assertEquals(List.of(new Element("[2001:db8:cafe::17]:4711", null, null)),
                ForwardedHeader.parse("For=\"[2001:db8:cafe::17]:4711\""));
        assertEquals(List.of(new Element("192.0.2.60", "http", null)),
                ForwardedHeader.parse("for=192.0.2.60;proto=http;by=203.0.113.43"));
        assertEquals(List.of(new Element("192.0.2.43", null, null), new Element("198.51.100.17", null, null)),
                ForwardedHeader.parse("for=192.0.2.43, for=198.51.100.17"));
    }

    @Test
    void keepsForProtoAndHostAndSkipsTheRest() {
        assertEquals(List.of(new Element("1.2.3.4", "https", "example.com:8443")),
                ForwardedHeader.parse("by=10.0.0.1;for=1.2.3.4;ext=\"x;y,z\";host=\"example.com:8443\";proto=https"));
    }

    @Test
    void unescapesQuotedPairs() {
        assertEquals(List.of(new Element("a\"b\\c", null, null)), ForwardedHeader.parse("for=\"a\\\"b\\\\c\""));
    }

    @Test
    void allowsEmptyElementsPairsAndWhitespace() {
        assertEquals(List.of(new Element("1.1.1.1", null, null), new Element("2.2.2.2", "https", null)),
                ForwardedHeader.parse(" , for=1.1.1.1 ;; , ,\tfor = 2.2.2.2 ; proto=https ; ,"));
        assertEquals(List.of(), ForwardedHeader.parse(""));
        assertEquals(List.of(new Element(null, null, "")), ForwardedHeader.parse("host=\"\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "for", "for=", "for=;proto=http", "=x", "for=\"1.2.3.4", "for=\"1.2.3.4\\", "for=a b",
            "for=1;for=2", "proto=http;PROTO=https", "host=a;host=b", "for=\"a\u0000b\"", "for=\"a\u007fb\"",
            "for=1.2.3.4\"", "for=(x)", "f o r=1",
    })
    void rejectsMalformedValues(String value) {
        assertNull(ForwardedHeader.parse(value), value);
    }
}
