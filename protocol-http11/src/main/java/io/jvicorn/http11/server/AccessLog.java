package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.http11.codec.RequestHead;
import org.jspecify.annotations.Nullable;

/** Uvicorn's access log: one line per response on the {@code jvicorn.access} logger, when the server keeps one. */
final class AccessLog {
    private static final System.Logger ACCESS = System.getLogger("jvicorn.access");

    private AccessLog() {
    }

    static void log(HttpSettings settings, @Nullable Address client, RequestHead head, int status, long bytes,
                    long startNanos) {
        AccessLogFormat format = settings.accessLog();
        if (format != null && ACCESS.isLoggable(System.Logger.Level.INFO)) {
            ACCESS.log(System.Logger.Level.INFO, format.format(client, head, status, bytes, System.nanoTime() - startNanos));
        }
    }
}
