/**
 * What a trusted reverse proxy says about a request: the {@code Forwarded} and {@code X-Forwarded-*} headers, the list
 * of proxies to believe, and the IP address parsing both need.
 */
@NullMarked
package io.jvicorn.http11.proxy;

import org.jspecify.annotations.NullMarked;
