package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Answers with the system property GREETING, which the test sets through --env-file; refuses other scopes. */
public class EnvTestApp implements Application {
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope)) {
            throw new IllegalArgumentException("http only");
        }
        byte[] body = String.valueOf(System.getProperty("GREETING")).getBytes(StandardCharsets.UTF_8);
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
        send.send(new HttpResponseBody(body, false));
    }
}
