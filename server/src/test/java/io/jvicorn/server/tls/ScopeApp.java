package io.jvicorn.server.tls;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A test application: {@code /scope} describes the scope (scheme, server, client), {@code /big} sends
 * {@link #BIG_SIZE} patterned bytes, {@code /echo} answers the request body, anything else "hello".
 */
public final class ScopeApp implements Application {
    /** The size of {@code /big}. */
    public static final int BIG_SIZE = 1024 * 1024;

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope http)) {
            throw new IllegalArgumentException("unsupported scope " + scope.type());
        }
        byte[] request = readBody(receive);
        byte[] body = switch (http.path()) {
            case "/scope" -> ("scheme=" + http.scheme() + "\nserver=" + http.server() + "\nclient=" + http.client())
                    .getBytes(StandardCharsets.UTF_8);
            case "/tls" -> tlsSummary(http).getBytes(StandardCharsets.UTF_8);
            case "/big" -> big();
            case "/echo" -> request;
            default -> "hello".getBytes(StandardCharsets.US_ASCII);
        };
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
        send.send(new HttpResponseBody(body));
    }

    /** The ASGI tls extension's version, cipher and whether the server certificate is there, or "none". */
    private static String tlsSummary(HttpScope http) {
        if (!(http.extensions().get("tls") instanceof java.util.Map<?, ?> tls)) {
            return "none";
        }
        Object cert = tls.get("server_cert");
        return "tls_version=" + tls.get("tls_version") + "\ncipher_suite=" + tls.get("cipher_suite")
                + "\nserver_cert=" + (cert instanceof String pem && pem.startsWith("-----BEGIN CERTIFICATE-----"));
    }

    /** @return the body of {@code /big} */
    public static byte[] big() {
        byte[] body = new byte[BIG_SIZE];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i % 251);
        }
        return body;
    }

    /** The whole request body; what arrived before a disconnect. */
    static byte[] readBody(Receive receive) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            ReceiveEvent event = receive.receive();
            if (!(event instanceof HttpRequest request)) {
                return all.toByteArray();
            }
            all.write(request.body());
            if (!request.moreBody()) {
                return all.toByteArray();
            }
        }
    }
}
