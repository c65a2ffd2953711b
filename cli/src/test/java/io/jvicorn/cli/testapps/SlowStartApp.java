package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;

/**
 * {@link PidApp} whose lifespan startup takes {@code $SLOW_STARTUP_MILLIS} (an application that warms a cache or
 * migrates a database before it serves): a worker busy starting must not be taken for a dead one.
 */
public class SlowStartApp implements Application {
    private final PidApp pid = new PidApp();

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case LifespanScope lifespan -> {
                receive.receive();
                Thread.sleep(Long.parseLong(System.getenv().getOrDefault("SLOW_STARTUP_MILLIS", "0")));
                send.send(new LifespanStartupComplete());
                receive.receive();
                send.send(new LifespanShutdownComplete());
            }
            case HttpScope http -> pid.call(scope, receive, send);
            default -> throw new IllegalArgumentException("unsupported scope " + scope.type());
        }
    }
}
