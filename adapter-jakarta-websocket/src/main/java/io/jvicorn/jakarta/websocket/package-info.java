/**
 * Jakarta WebSocket 2.2 on jvicorn. Deploy endpoints on a {@link io.jvicorn.jakarta.websocket.JakartaServerContainer}
 * and serve them with its {@link io.jvicorn.jakarta.websocket.JakartaServerContainer#application application}: a
 * jvicorn {@code Application} that runs each matching {@code websocket} scope as a {@code jakarta.websocket.Session}
 * and hands every other scope to a fallback application.
 */
@NullMarked
package io.jvicorn.jakarta.websocket;

import org.jspecify.annotations.NullMarked;
