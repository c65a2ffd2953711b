package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.TlsConfig;
import io.jvicorn.server.TlsConfig.Protocols;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** {@code --ssl-version}: which TLS versions the server accepts, checked with clients that speak only one. */
class TlsVersionTest {
    private static final KeyMaterial keys = KeyMaterial.shared();

    private static TlsTestServer serverWith(Protocols protocols) throws Exception {
        return TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()).withProtocols(protocols));
    }

    /** Handshakes with a client that offers only {@code protocol}, then asks for a page over the connection. */
    private static String negotiatedBy(TlsTestServer server, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) keys.clientContext(false).getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            socket.getOutputStream().write("GET / HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", HttpMessage.read(socket.getInputStream()).text());
            return socket.getSession().getProtocol();
        }
    }

    @Test
    void defaultAcceptsTls13AndTls12() throws Exception {
        try (TlsTestServer server = serverWith(Protocols.JVM_DEFAULT)) {
            assertEquals("TLSv1.3", negotiatedBy(server, "TLSv1.3"));
            assertEquals("TLSv1.2", negotiatedBy(server, "TLSv1.2"));
        }
    }

    @Test
    void tls12OnlyRefusesATls13OnlyClient() throws Exception {
        try (TlsTestServer server = serverWith(Protocols.TLS_1_2)) {
            assertThrows(SSLHandshakeException.class, () -> negotiatedBy(server, "TLSv1.3"));
            assertEquals("TLSv1.2", negotiatedBy(server, "TLSv1.2"));
        }
    }

    @Test
    void tls13OnlyRefusesATls12OnlyClient() throws Exception {
        try (TlsTestServer server = serverWith(Protocols.TLS_1_3)) {
            assertThrows(SSLHandshakeException.class, () -> negotiatedBy(server, "TLSv1.2"));
            assertEquals("TLSv1.3", negotiatedBy(server, "TLSv1.3"));
        }
    }

    @Test
    void pythonsServerProtocolNumbersAndJsseNamesAreAccepted() {
        assertEquals(Protocols.JVM_DEFAULT, Protocols.fromSslVersion("17"));
        assertEquals(Protocols.JVM_DEFAULT, Protocols.fromSslVersion("2"));
        assertEquals(Protocols.TLS_1_2, Protocols.fromSslVersion("5"));
        assertEquals(Protocols.TLS_1_2, Protocols.fromSslVersion("TLSv1.2"));
        assertEquals(Protocols.TLS_1_3, Protocols.fromSslVersion(" TLSv1.3 "));
        assertEquals(List.of(), Protocols.JVM_DEFAULT.jsseNames());
        assertEquals(List.of("TLSv1.2"), Protocols.TLS_1_2.jsseNames());
        assertEquals(List.of("TLSv1.3"), Protocols.TLS_1_3.jsseNames());
    }

    @Test
    void insecureClientSideAndUnknownVersionsAreRefusedWithWhatIsAccepted() {
        assertRefused("3", "3 (PROTOCOL_TLSv1) is TLS 1.0, which the JVM disables as insecure (RFC 8996); use 17");
        assertRefused("4", "4 (PROTOCOL_TLSv1_1) is TLS 1.1, which the JVM disables as insecure (RFC 8996)");
        assertRefused("TLSv1.1", "'TLSv1.1' is TLS 1.1, which the JVM disables as insecure");
        assertRefused("16", "16 is Python's PROTOCOL_TLS_CLIENT, which only connects to servers and cannot serve; "
                + "accepted are 17 or 2");
        assertRefused("SSLv3", "'SSLv3' is not a TLS version that a server can use; accepted are 17 or 2 "
                + "(PROTOCOL_TLS_SERVER, PROTOCOL_TLS: TLS 1.3 and 1.2, the default), 5 or TLSv1.2 (PROTOCOL_TLSv1_2: "
                + "TLS 1.2 only) and TLSv1.3 (TLS 1.3 only)");
        assertRefused("18", "'18' is not a TLS version");
    }

    private static void assertRefused(String sslVersion, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Protocols.fromSslVersion(sslVersion));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
