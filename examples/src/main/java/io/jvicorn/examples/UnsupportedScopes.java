package io.jvicorn.examples;

import io.jvicorn.asgi.Scope;

/** The exception an HTTP-only example throws for other scopes; for lifespan that tells the server "not supported". */
final class UnsupportedScopes {
    private UnsupportedScopes() {
    }

    static IllegalArgumentException reject(Class<?> app, Scope scope) {
        return new IllegalArgumentException(
                app.getSimpleName() + " serves http scopes only, not " + scope.type());
    }
}
