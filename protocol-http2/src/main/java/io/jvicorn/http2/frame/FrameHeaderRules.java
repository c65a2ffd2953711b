package io.jvicorn.http2.frame;

import static io.jvicorn.http2.frame.FrameType.CONTINUATION;
import static io.jvicorn.http2.frame.FrameType.DATA;
import static io.jvicorn.http2.frame.FrameType.FLAG_ACK;
import static io.jvicorn.http2.frame.FrameType.FLAG_PADDED;
import static io.jvicorn.http2.frame.FrameType.FLAG_PRIORITY;
import static io.jvicorn.http2.frame.FrameType.GOAWAY;
import static io.jvicorn.http2.frame.FrameType.HEADERS;
import static io.jvicorn.http2.frame.FrameType.PING;
import static io.jvicorn.http2.frame.FrameType.PRIORITY;
import static io.jvicorn.http2.frame.FrameType.PUSH_PROMISE;
import static io.jvicorn.http2.frame.FrameType.RST_STREAM;
import static io.jvicorn.http2.frame.FrameType.SETTINGS;
import static io.jvicorn.http2.frame.FrameType.WINDOW_UPDATE;

import org.jspecify.annotations.Nullable;

/**
 * The frame-header rules of RFC 9113, each checked as soon as the octet it depends on has arrived: the length against
 * the limit; the type against the connection's state and the lengths fixed by type; the flags against the length; the
 * stream identifier against the type.
 */
final class FrameHeaderRules {
    private FrameHeaderRules() {
    }

    /** After the 24-bit length. */
    static @Nullable FrameViolation length(int length, FrameLimits limits) {
        return length > limits.maxFrameSize() ? FrameViolation.FRAME_TOO_LARGE : null;
    }

    /**
     * After the type octet.
     *
     * @param firstFrame whether this frame follows the preface
     * @param inBlock    whether a header block awaits its CONTINUATION
     * @param blockWire  the open header block's size so far, frame headers included
     */
    static @Nullable FrameViolation type(int type, int length, boolean firstFrame, boolean inBlock, int blockWire,
            FrameLimits limits) {
        if (firstFrame && type != SETTINGS) {
            return FrameViolation.PREFACE_NOT_SETTINGS;
        }
        if (inBlock != (type == CONTINUATION)) {
            return inBlock ? FrameViolation.EXPECTED_CONTINUATION : FrameViolation.UNEXPECTED_CONTINUATION;
        }
        long wire = (long) FrameType.HEADER_LENGTH + length + (type == CONTINUATION ? blockWire : 0);
        return switch (type) {
            case HEADERS, CONTINUATION -> wire > limits.maxHeaderBlockSize() ? FrameViolation.HEADER_BLOCK_TOO_LARGE
                    : null;
            case PUSH_PROMISE -> FrameViolation.PUSH_PROMISE_FROM_CLIENT;
            case RST_STREAM -> length != 4 ? FrameViolation.RST_STREAM_LENGTH : null;
            case SETTINGS -> length % 6 != 0 ? FrameViolation.SETTINGS_LENGTH : null;
            case PING -> length != 8 ? FrameViolation.PING_LENGTH : null;
            case GOAWAY -> length < 8 ? FrameViolation.GOAWAY_TOO_SHORT : null;
            case WINDOW_UPDATE -> length != 4 ? FrameViolation.WINDOW_UPDATE_LENGTH : null;
            default -> null;
        };
    }

    /** After the flags octet. */
    static @Nullable FrameViolation flags(int type, int flags, int length) {
        boolean padded = (flags & FLAG_PADDED) != 0;
        return switch (type) {
            case SETTINGS -> (flags & FLAG_ACK) != 0 && length != 0 ? FrameViolation.SETTINGS_ACK_WITH_PAYLOAD : null;
            case DATA -> padded && length < 1 ? FrameViolation.PADDED_FRAME_TOO_SHORT : null;
            case HEADERS -> {
                int fixed = (flags & FLAG_PRIORITY) != 0 ? 5 : 0;
                if (padded && length < 1 + fixed) {
                    yield FrameViolation.PADDED_FRAME_TOO_SHORT;
                }
                yield length < fixed ? FrameViolation.HEADERS_TOO_SHORT_FOR_PRIORITY : null;
            }
            default -> null;
        };
    }

    /**
     * After the stream identifier (reserved bit cleared).
     *
     * @param blockStream the stream of the open header block, else 0
     */
    static @Nullable FrameViolation streamId(int type, int streamId, int length, int blockStream) {
        return switch (type) {
            case DATA, HEADERS, PRIORITY, RST_STREAM, CONTINUATION -> {
                if (streamId == 0) {
                    yield FrameViolation.STREAM_FRAME_ON_STREAM_ZERO;
                }
                if (type == CONTINUATION && streamId != blockStream) {
                    yield FrameViolation.EXPECTED_CONTINUATION;
                }
                yield type == PRIORITY && length != 5 ? FrameViolation.PRIORITY_LENGTH : null;
            }
            case SETTINGS, PING, GOAWAY -> streamId != 0 ? FrameViolation.CONNECTION_FRAME_ON_STREAM : null;
            default -> null;
        };
    }
}
