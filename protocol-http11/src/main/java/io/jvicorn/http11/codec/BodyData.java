package io.jvicorn.http11.codec;

import java.nio.ByteBuffer;

/**
 * Body bytes, already de-chunked.
 *
 * @param data a view into the caller's input buffer, valid only until the next call to the parser (copy it to keep it)
 */
public record BodyData(ByteBuffer data) implements ParseEvent {
}
