/**
 * Signal handling shared by the server command and its supervisors: {@link io.jvicorn.cli.signal.SignalHandlers}
 * installs handlers through {@code sun.misc.Signal} and takes back a SIGINT that the process inherited as ignored.
 * Internal to the command line; the module does not export it.
 */
@NullMarked
package io.jvicorn.cli.signal;

import org.jspecify.annotations.NullMarked;
