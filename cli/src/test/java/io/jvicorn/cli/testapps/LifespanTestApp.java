package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.util.List;

/**
 * Takes part in the lifespan protocol (so its startup and shutdown lines are logged) and answers "hi" to HTTP, except
 * on {@code /fail}, where it throws before starting the response.
 */
public class LifespanTestApp implements Application {
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case LifespanScope lifespan -> {
                receive.receive();
                send.send(new LifespanStartupComplete());
                receive.receive();
                send.send(new LifespanShutdownComplete());
            }
            case HttpScope http -> {
                if (http.path().equals("/fail")) {
                    throw new IllegalStateException("the <app> failed & said \"why\"",
                            new java.io.IOException("disk 'full'"));
                }
                send.send(new HttpResponseStart(200, List.of(Header.of("content-length", "2"))));
                send.send(HttpResponseBody.of("hi"));
            }
            default -> throw new IllegalArgumentException("unsupported scope " + scope.type());
        }
    }
}
