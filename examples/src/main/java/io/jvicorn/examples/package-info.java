/**
 * Example applications: {@link io.jvicorn.examples.HelloApp} (plaintext), {@link io.jvicorn.examples.EchoApp}
 * (streams the request body back), {@link io.jvicorn.examples.JsonApp} (JSON),
 * {@link io.jvicorn.examples.ConnectionProbeApp} (error, close and disconnect paths for
 * {@code scripts/connection-races}) and {@link io.jvicorn.examples.SoakApp} (HTTP and WebSocket echo for
 * {@code scripts/soak}), plus {@link io.jvicorn.examples.Main}, which embeds the server in a few lines.
 */
@NullMarked
package io.jvicorn.examples;

import org.jspecify.annotations.NullMarked;
