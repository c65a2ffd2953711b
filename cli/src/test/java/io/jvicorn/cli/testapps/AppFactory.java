package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import java.util.function.Supplier;

/** A factory class for {@code --factory}. */
public class AppFactory implements Supplier<Application> {
    @Override
    public Application get() {
        return new PlainApp();
    }
}
