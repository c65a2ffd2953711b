/**
 * Signal handling shared by {@link io.jvicorn.server.Server#handleSignals()}, the server command and its supervisors:
 * {@link io.jvicorn.server.signal.SignalHandlers} installs handlers through {@code sun.misc.Signal} and takes back a
 * SIGINT that the process inherited as ignored; {@link io.jvicorn.server.signal.ShutdownSignals} is Uvicorn's
 * behaviour on INT and TERM. Internal: exported to the command line only.
 */
@NullMarked
package io.jvicorn.server.signal;

import org.jspecify.annotations.NullMarked;
