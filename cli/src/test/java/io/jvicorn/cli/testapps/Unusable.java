package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;

/** Application classes the loader must refuse, each with its reason. */
public final class Unusable {
    private Unusable() {
    }

    /** Not an application at all. */
    public static final class NotAnApp {
    }

    /** No no-arg constructor. */
    public static final class NeedsArgument extends PlainApp {
        /** @param port unused */
        public NeedsArgument(int port) {
        }
    }

    /** Its constructor fails. */
    public static final class FailingConstructor extends PlainApp {
        /** Always throws. */
        public FailingConstructor() {
            throw new IllegalStateException("config file missing");
        }
    }

    /** Abstract. */
    public abstract static class AbstractApp implements Application {
        @Override
        public void call(Scope scope, Receive receive, Send send) {
        }
    }
}
