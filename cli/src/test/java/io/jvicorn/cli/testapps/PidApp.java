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

/** Answers with the id of the process that served the request, so tests can tell workers apart. */
public class PidApp implements Application {
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope)) {
            throw new IllegalArgumentException("http only");
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(pid.length())))));
        send.send(HttpResponseBody.of(pid));
    }
}
