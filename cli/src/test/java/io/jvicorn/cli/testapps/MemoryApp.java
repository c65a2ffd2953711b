package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers with its process id, like {@link PidApp}; {@code /grow} first keeps 32 MiB more, every page written so
 * that it is resident: a worker whose memory grows, for {@code --workers-max-rss}.
 */
public class MemoryApp implements Application {
    private static final int CHUNK = 32 * 1024 * 1024;
    private static final List<byte[]> KEPT = new CopyOnWriteArrayList<>();

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope http)) {
            throw new IllegalArgumentException("http only");
        }
        if (http.path().equals("/grow")) {
            byte[] chunk = new byte[CHUNK];
            for (int i = 0; i < chunk.length; i += 4096) {
                chunk[i] = 1;
            }
            KEPT.add(chunk);
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(pid.length())))));
        send.send(HttpResponseBody.of(pid));
    }
}
