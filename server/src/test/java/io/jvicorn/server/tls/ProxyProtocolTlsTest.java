package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.server.TlsConfig;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** {@code --proxy-protocol} on a TLS listener: the header comes in plaintext before the handshake. */
class ProxyProtocolTlsTest {
    private static final KeyMaterial keys = KeyMaterial.shared();

    @Test
    void theHeaderComesBeforeTheHandshake() throws Exception {
        try (TlsTestServer s = TlsTestServer.start((scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            byte[] body = (http.client().host() + " " + http.client().port() + " " + http.scheme())
                    .getBytes(StandardCharsets.UTF_8);
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)),
                    Header.of("connection", "close"))));
            send.send(new HttpResponseBody(body));
        }, b -> b.tls(TlsConfig.pem(keys.serverCert(), keys.serverKey())).proxyProtocol(true));
             Socket plain = new Socket("127.0.0.1", s.port())) {
            plain.getOutputStream().write("PROXY TCP4 198.51.100.7 192.0.2.10 40000 443\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            SSLSocket tls = (SSLSocket) keys.clientContext(false).getSocketFactory()
                    .createSocket(plain, "localhost", s.port(), true);
            tls.setSoTimeout(10_000);
            tls.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            assertTrue(response.endsWith("\r\n\r\n198.51.100.7 40000 https"), response);
        }
    }
}
