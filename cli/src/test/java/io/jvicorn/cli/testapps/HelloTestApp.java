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

/** Answers "hi" to HTTP; refuses other scopes, so lifespan "auto" reports it unsupported. */
public class HelloTestApp implements Application {
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope)) {
            throw new IllegalArgumentException("http only");
        }
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", "2"))));
        send.send(HttpResponseBody.of("hi"));
    }
}
