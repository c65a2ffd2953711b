package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;

/** An application class with a public no-arg constructor. */
public class PlainApp implements Application {
    @Override
    public void call(Scope scope, Receive receive, Send send) {
    }
}
