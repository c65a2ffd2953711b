/**
 * Example applications: {@link io.jvicorn.examples.HelloApp} (plaintext), {@link io.jvicorn.examples.EchoApp}
 * (streams the request body back) and {@link io.jvicorn.examples.JsonApp} (JSON), plus
 * {@link io.jvicorn.examples.Main}, which embeds the server in a few lines.
 */
@NullMarked
package io.jvicorn.examples;

import org.jspecify.annotations.NullMarked;
