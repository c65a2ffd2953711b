package io.jvicorn.http2.frame;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link FrameDecoder#next} returns: one frame (or piece of a DATA frame), or the rule the input broke. Buffers are
 * views valid until the next call.
 */
public sealed interface FrameEvent {

    /**
     * Payload bytes of a DATA frame, padding removed. A frame may come as several pieces; its first piece carries the
     * whole frame's flow-controlled length (RFC 9113 §6.9.1: padding included) and the last one END_STREAM.
     *
     * @param streamId       the stream
     * @param data           a view of the input
     * @param flowControlled the frame's length on its first piece, else 0
     * @param padding        on the first piece, the part of {@code flowControlled} that carries no data (the pad length
     *                       octet and the padding), which the receiver may give back to the window at once; else 0
     * @param endStream      END_STREAM, on the frame's last piece
     */
    record Data(int streamId, ByteBuffer data, int flowControlled, int padding, boolean endStream)
            implements FrameEvent {
    }

    /**
     * A complete header block: a HEADERS frame and its CONTINUATIONs, padding and priority fields removed.
     *
     * @param streamId    the stream
     * @param block       the concatenated fragments, a view of the decoder's buffer
     * @param endStream   END_STREAM
     * @param streamError null, or a stream error (a self-dependency) to answer with RST_STREAM once the block has been
     *                    decoded, which the HPACK state needs whatever happens to the stream
     */
    record Headers(int streamId, ByteBuffer block, boolean endStream, @Nullable FrameViolation streamError)
            implements FrameEvent {
    }

    /**
     * A PRIORITY frame, whose fields RFC 9113 §5.3.2 lets a server ignore; reported since it may open no stream.
     *
     * @param streamId the stream
     */
    record Priority(int streamId) implements FrameEvent {
    }

    /**
     * RST_STREAM.
     *
     * @param streamId  the stream
     * @param errorCode the code as sent (unknown codes are allowed, RFC 9113 §7)
     */
    record RstStream(int streamId, long errorCode) implements FrameEvent {
    }

    /**
     * SETTINGS, its values checked.
     *
     * @param ack      an acknowledgement (then no settings)
     * @param settings the parameters in order, unknown ones left out (RFC 9113 §6.5.2)
     */
    record Settings(boolean ack, List<Setting> settings) implements FrameEvent {
    }

    /**
     * One SETTINGS parameter.
     *
     * @param id    one of {@link SettingId}
     * @param value the value, unsigned 32 bits
     */
    record Setting(int id, long value) {
    }

    /**
     * PING.
     *
     * @param ack    a response
     * @param opaque the 8 octets, as a number
     */
    record Ping(boolean ack, long opaque) implements FrameEvent {
    }

    /**
     * GOAWAY.
     *
     * @param lastStreamId the last stream the peer may process
     * @param errorCode    the code as sent
     * @param debugData    the debug data, a copy
     */
    record GoAway(int lastStreamId, long errorCode, byte[] debugData) implements FrameEvent {
    }

    /**
     * WINDOW_UPDATE with a non-zero increment.
     *
     * @param streamId  the stream, or 0 for the connection
     * @param increment 1 to 2^31-1
     */
    record WindowUpdate(int streamId, int increment) implements FrameEvent {
    }

    /**
     * The input broke a rule. After a connection error the decoder accepts nothing more; after a stream error it has
     * skipped the frame and goes on.
     *
     * @param violation the rule
     * @param streamId  the frame's stream (0 before or without a frame header)
     */
    record Rejected(FrameViolation violation, int streamId) implements FrameEvent {
    }
}
