/** The embeddable jvicorn server: configuration, start and graceful stop. */
@NullMarked
package io.jvicorn.server;

import org.jspecify.annotations.NullMarked;
