package io.jvicorn.http2.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes a client sends into HTTP/2 frame events (RFC 9113 §4, §6), server side: the connection preface, then
 * frames, in any split. Rules are checked at the first octet that breaks them ({@link FrameHeaderRules}); a connection
 * error ends decoding, a stream error skips its frame. DATA payloads come out as views of the input, header blocks whole
 * (HEADERS and its CONTINUATIONs joined, bounded as they arrive); unknown frame types are skipped (§4.1).
 *
 * <p>One instance per connection, used by the connection's thread, which owns every field. No stream state is kept here
 * beyond the open header block: which streams exist is the caller's business.
 */
public final class FrameDecoder {
    /** Where the decoder is in the input. */
    private enum State {
        /** In the 24 octets of the client preface. */
        PREFACE,
        /** In a frame header. */
        HEADER,
        /** Reading the pad length octet of a PADDED DATA or HEADERS frame. */
        PAD_LENGTH,
        /** Reading the 5 priority octets of a HEADERS frame (kept only to spot a self-dependency). */
        PRIORITY_FIELDS,
        /** In the content of DATA, HEADERS or CONTINUATION. */
        CONTENT,
        /** In the padding after the content. */
        PADDING,
        /** Gathering the payload of a fixed-layout frame. */
        CONTROL,
        /** Skipping the payload of an unknown frame type, or of a frame refused with a stream error. */
        SKIP,
        /** After a connection error: nothing more is read. */
        FAILED
    }

    private final FrameLimits limits;
    private State state;
    private int prefaceFill;
    /** Whether the next frame is the first after the preface, which must be SETTINGS. */
    private boolean firstFrame;

    private final byte[] header = new byte[FrameType.HEADER_LENGTH];
    private int headerFill;
    private int length;
    private int type;
    private int flags;
    private int streamId;
    /** Payload octets of the current frame not yet read. */
    private int remaining;
    /** The current frame's padding length (0 without PADDED). */
    private int padding;
    /** Whether the current DATA frame has produced no event yet (its first piece carries the flow-control length). */
    private boolean firstPiece;
    private boolean endStreamSent;

    /** The payload of a fixed-layout frame, or HEADERS' priority octets; grown up to the frame size limit. */
    private byte[] control = new byte[64];
    private int controlFill;
    /** How much of a SETTINGS payload has had its parameters checked. */
    private int settingsChecked;

    /** The open header block: its fragments so far, grown up to the header block limit. */
    private byte[] block = new byte[0];
    private int blockFill;
    /** Its size on the wire, frame headers included. */
    private int blockWire;
    /** Its stream, while it awaits CONTINUATION; else 0. */
    private int blockStream;
    private boolean blockEndStream;
    private @Nullable FrameViolation blockStreamError;

    /**
     * A decoder for a server's side of a connection.
     *
     * @param limits        the frame and header block limits
     * @param expectPreface whether the input starts with the client preface (false when the caller has consumed it,
     *                      for example while telling HTTP/2 prior knowledge from HTTP/1.1)
     */
    public FrameDecoder(FrameLimits limits, boolean expectPreface) {
        this.limits = limits;
        this.state = expectPreface ? State.PREFACE : State.HEADER;
        this.firstFrame = true;
    }

    /**
     * Reads input up to the next event.
     *
     * @param in the input, read from its position; the returned event may hold a view of it
     * @return the event, or null when the input has been consumed without completing one (and always after a connection
     *         error, leaving the input unread)
     */
    public @Nullable FrameEvent next(ByteBuffer in) {
        while (true) {
            FrameEvent event = switch (state) {
                case PREFACE -> preface(in);
                case HEADER -> header(in);
                case PAD_LENGTH -> padLength(in);
                case PRIORITY_FIELDS -> priorityFields(in);
                case CONTENT -> content(in);
                case PADDING -> skip(in);
                case CONTROL -> control(in);
                case SKIP -> skip(in);
                case FAILED -> null;
            };
            if (event != null || state == State.FAILED || !in.hasRemaining() && !frameDone()) {
                return event;
            }
        }
    }

    /** Whether the current frame's payload is all read but its end not yet handled. */
    private boolean frameDone() {
        return remaining == 0 && state != State.HEADER && state != State.PREFACE && state != State.FAILED;
    }

    /**
     * This endpoint's limits.
     *
     * @return the limits given at construction
     */
    public FrameLimits limits() {
        return limits;
    }

    private @Nullable FrameEvent preface(ByteBuffer in) {
        while (in.hasRemaining() && prefaceFill < ConnectionPreface.LENGTH) {
            if (in.get() != ConnectionPreface.at(prefaceFill++)) {
                return fail(FrameViolation.BAD_PREFACE, 0);
            }
        }
        if (prefaceFill == ConnectionPreface.LENGTH) {
            state = State.HEADER;
        }
        return null;
    }

    private @Nullable FrameEvent header(ByteBuffer in) {
        while (in.hasRemaining()) {
            header[headerFill++] = in.get();
            FrameViolation violation = switch (headerFill) {
                case 3 -> {
                    length = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | header[2] & 0xFF;
                    yield FrameHeaderRules.length(length, limits);
                }
                case 4 -> {
                    type = header[3] & 0xFF;
                    yield FrameHeaderRules.type(type, length, firstFrame, blockStream != 0, blockWire, limits);
                }
                case 5 -> {
                    flags = header[4] & 0xFF;
                    yield FrameHeaderRules.flags(type, flags, length);
                }
                case FrameType.HEADER_LENGTH -> {
                    streamId = ControlFrames.int31(header, 5);
                    yield FrameHeaderRules.streamId(type, streamId, length, blockStream);
                }
                default -> null;
            };
            if (violation != null) {
                if (headerFill < FrameType.HEADER_LENGTH) {
                    streamId = 0; // not read yet
                }
                return fail(violation, streamId);
            }
            if (headerFill == FrameType.HEADER_LENGTH) {
                headerFill = 0;
                firstFrame = false;
                return startPayload();
            }
        }
        return null;
    }

    private @Nullable FrameEvent startPayload() {
        remaining = length;
        padding = 0;
        boolean padded = (flags & FrameType.FLAG_PADDED) != 0;
        switch (type) {
            case FrameType.DATA -> {
                firstPiece = true;
                endStreamSent = false;
                state = padded ? State.PAD_LENGTH : State.CONTENT;
            }
            case FrameType.HEADERS -> {
                blockFill = 0;
                blockWire = FrameType.HEADER_LENGTH + length;
                blockStream = streamId;
                blockEndStream = (flags & FrameType.FLAG_END_STREAM) != 0;
                blockStreamError = null;
                state = padded ? State.PAD_LENGTH : afterPadLength();
            }
            case FrameType.CONTINUATION -> {
                blockWire += FrameType.HEADER_LENGTH + length;
                state = State.CONTENT;
            }
            case FrameType.PRIORITY, FrameType.RST_STREAM, FrameType.SETTINGS, FrameType.PING, FrameType.GOAWAY,
                    FrameType.WINDOW_UPDATE -> {
                if (control.length < length) {
                    control = new byte[Math.max(length, control.length * 2)];
                }
                controlFill = 0;
                settingsChecked = 0;
                state = State.CONTROL;
            }
            default -> state = State.SKIP;
        }
        return null;
    }

    private State afterPadLength() {
        if (type == FrameType.HEADERS && (flags & FrameType.FLAG_PRIORITY) != 0) {
            controlFill = 0;
            return State.PRIORITY_FIELDS;
        }
        return State.CONTENT;
    }

    private @Nullable FrameEvent padLength(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        padding = in.get() & 0xFF;
        remaining--;
        int fixed = type == FrameType.HEADERS && (flags & FrameType.FLAG_PRIORITY) != 0 ? 5 : 0;
        if (padding > remaining - fixed) {
            return fail(FrameViolation.PADDING_TOO_LONG, streamId);
        }
        state = afterPadLength();
        return null;
    }

    private @Nullable FrameEvent priorityFields(ByteBuffer in) {
        int n = Math.min(in.remaining(), 5 - controlFill);
        in.get(control, controlFill, n);
        controlFill += n;
        remaining -= n;
        if (controlFill == 5) {
            if (ControlFrames.int31(control, 0) == streamId) {
                blockStreamError = FrameViolation.STREAM_DEPENDS_ON_ITSELF;
            }
            state = State.CONTENT;
        }
        return null;
    }

    private @Nullable FrameEvent content(ByteBuffer in) {
        int n = Math.min(in.remaining(), remaining - padding);
        if (type == FrameType.DATA) {
            if (n > 0) {
                ByteBuffer data = in.slice(in.position(), n);
                in.position(in.position() + n);
                remaining -= n;
                boolean end = (flags & FrameType.FLAG_END_STREAM) != 0 && remaining == 0;
                return dataPiece(data, end);
            }
        } else if (n > 0) {
            if (block.length < blockFill + n) {
                block = Arrays.copyOf(block, Math.min(limits.maxHeaderBlockSize(),
                        Math.max(blockFill + n, block.length * 2)));
            }
            in.get(block, blockFill, n);
            blockFill += n;
            remaining -= n;
        }
        if (remaining == padding) {
            state = State.PADDING;
            return skip(in);
        }
        return null;
    }

    private FrameEvent dataPiece(ByteBuffer data, boolean endStream) {
        int flowControlled = firstPiece ? length : 0;
        int padOverhead = firstPiece && (flags & FrameType.FLAG_PADDED) != 0 ? padding + 1 : 0;
        firstPiece = false;
        endStreamSent |= endStream;
        return new FrameEvent.Data(streamId, data, flowControlled, padOverhead, endStream);
    }

    /** Skips padding or an unwanted payload; at the frame's end, reports what the frame still owes. */
    private @Nullable FrameEvent skip(ByteBuffer in) {
        int n = Math.min(in.remaining(), remaining);
        in.position(in.position() + n);
        remaining -= n;
        if (remaining > 0) {
            return null;
        }
        State was = state;
        state = State.HEADER;
        if (was == State.SKIP) {
            return null;
        }
        if (type == FrameType.DATA) {
            boolean endStream = (flags & FrameType.FLAG_END_STREAM) != 0;
            // A frame of padding only still counts against flow control; END_STREAM after padding needs its own event.
            return firstPiece || endStream && !endStreamSent ? dataPiece(in.slice(in.position(), 0), endStream)
                    : null;
        }
        if ((flags & FrameType.FLAG_END_HEADERS) == 0) {
            return null; // CONTINUATION follows
        }
        FrameEvent headers = new FrameEvent.Headers(blockStream, ByteBuffer.wrap(block, 0, blockFill), blockEndStream,
                blockStreamError);
        blockStream = 0;
        blockWire = 0;
        return headers;
    }

    private @Nullable FrameEvent control(ByteBuffer in) {
        int n = Math.min(in.remaining(), remaining);
        in.get(control, controlFill, n);
        controlFill += n;
        remaining -= n;
        if (type == FrameType.SETTINGS) {
            for (; settingsChecked + 6 <= controlFill; settingsChecked += 6) {
                FrameViolation violation = ControlFrames.checkSetting(control, settingsChecked);
                if (violation != null) {
                    return fail(violation, 0);
                }
            }
        }
        if (remaining > 0) {
            return null;
        }
        state = State.HEADER;
        FrameEvent event = ControlFrames.parse(type, flags, streamId, control, length);
        if (event instanceof FrameEvent.Rejected rejected && rejected.violation().connectionError()) {
            state = State.FAILED;
        }
        return event;
    }

    /** A connection error stops decoding; a stream error skips the rest of the frame. */
    private FrameEvent fail(FrameViolation violation, int stream) {
        if (violation.connectionError()) {
            state = State.FAILED;
        } else {
            headerFill = 0;
            firstFrame = false;
            remaining = length;
            state = State.SKIP;
        }
        return new FrameEvent.Rejected(violation, stream);
    }
}
