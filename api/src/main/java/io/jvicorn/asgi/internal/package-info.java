/**
 * For jvicorn's own protocol modules only (exported to them alone): building {@link io.jvicorn.asgi.Header}s from
 * parts their parser has already checked, without checking again.
 */
@NullMarked
package io.jvicorn.asgi.internal;

import org.jspecify.annotations.NullMarked;
