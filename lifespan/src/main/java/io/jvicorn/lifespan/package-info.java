/**
 * Runs an application's lifespan scope: {@link io.jvicorn.lifespan.Lifespan} delivers {@code lifespan.startup} and
 * {@code lifespan.shutdown} and waits for the answers, as Uvicorn's {@code LifespanOn} does.
 */
@NullMarked
package io.jvicorn.lifespan;

import org.jspecify.annotations.NullMarked;
