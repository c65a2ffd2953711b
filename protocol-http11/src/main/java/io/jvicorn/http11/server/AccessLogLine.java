package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.http11.codec.HttpStatus;
import io.jvicorn.http11.codec.RequestHead;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Uvicorn's access log line: {@code 127.0.0.1:54321 - "GET /p?q=1 HTTP/1.1" 200 OK}. */
final class AccessLogLine {
    private AccessLogLine() {
    }

    static String format(@Nullable Address client, RequestHead head, int status) {
        StringBuilder b = new StringBuilder(96);
        b.append(client == null ? "-" : client.toString()).append(" - \"").append(head.method()).append(' ')
                .append(new String(head.rawPath(), StandardCharsets.ISO_8859_1));
        if (head.queryString().length > 0) {
            b.append('?').append(new String(head.queryString(), StandardCharsets.ISO_8859_1));
        }
        b.append(" HTTP/").append(head.version().text()).append("\" ").append(status);
        String reason = HttpStatus.reason(status);
        if (!reason.isEmpty()) {
            b.append(' ').append(reason);
        }
        return b.toString();
    }
}
