package io.jvicorn.http11.codec;

/** What {@link RequestParser#next} produces: a request head, body bytes, the end of a request, or an error. */
public sealed interface ParseEvent permits RequestHead, BodyData, RequestEnd, ParseError {
}
