/**
 * The {@code jvicorn} command line: options with Uvicorn's names and defaults (also read from {@code JVICORN_*}
 * environment variables), application loading from an import string, logging in Uvicorn's layout and signal handling.
 */
@NullMarked
package io.jvicorn.cli;

import org.jspecify.annotations.NullMarked;
