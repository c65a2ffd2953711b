package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import java.util.function.Supplier;

/** Applications held in static members, and members that are not applications. */
public final class Holder {
    /** A ready application. */
    public static final Application app = (scope, receive, send) -> { };
    /** A factory in a field. */
    public static final Supplier<Application> supplier = PlainApp::new;
    /** Not an application. */
    public static final String text = "hello";
    /** Unset. */
    public static final Application missing = null;
    /** Not static. */
    public final Application instanceApp = app;

    private Holder() {
    }

    /** @return a new application */
    public static Application create() {
        return new PlainApp();
    }

    /** @param name unused @return an application, but it needs an argument */
    public static Application named(String name) {
        return new PlainApp();
    }

    /** @return never */
    public static Application broken() {
        throw new IllegalStateException("database unreachable");
    }

    /** A nested application class. */
    public static final class Nested extends PlainApp {
    }
}
