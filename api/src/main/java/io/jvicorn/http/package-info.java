/**
 * HTTP syntax shared by jvicorn's messages, parsers and encoders: RFC 9110's tokens, field values, OWS, lists and
 * Content-Length, defined once in {@link io.jvicorn.http.HttpSyntax}.
 */
@NullMarked
package io.jvicorn.http;

import org.jspecify.annotations.NullMarked;
