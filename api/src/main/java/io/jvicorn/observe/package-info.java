/**
 * What a server reports about its work, for metrics, tracing bridges and frameworks: {@link
 * io.jvicorn.observe.ServerObserver}. Part of the API module so that an observer depends on nothing of the server.
 */
@NullMarked
package io.jvicorn.observe;

import org.jspecify.annotations.NullMarked;
