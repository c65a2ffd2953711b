package io.jvicorn.http11.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {
    @ParameterizedTest
    @CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "127.0.0.1, 127.0.0.1",
    })
    void rfc5952ShortForm(String literal, String expected) throws Exception {
        assertEquals(expected, AddressText.of(InetAddress.getByName(literal)));
    }
}
