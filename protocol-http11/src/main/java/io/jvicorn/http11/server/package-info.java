/** HTTP/1.1 connections on the jvicorn engine. */
@NullMarked
package io.jvicorn.http11.server;

import org.jspecify.annotations.NullMarked;
