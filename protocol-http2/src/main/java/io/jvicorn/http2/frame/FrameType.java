package io.jvicorn.http2.frame;

/** The frame types of RFC 9113 §6 and their flags, as the octets on the wire. */
public final class FrameType {
    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int PRIORITY = 0x2;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PUSH_PROMISE = 0x5;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    /** DATA, HEADERS: the last frame the sender sends on the stream. */
    public static final int FLAG_END_STREAM = 0x1;
    /** SETTINGS, PING: an acknowledgement. */
    public static final int FLAG_ACK = 0x1;
    /** HEADERS, CONTINUATION: the header block ends with this frame. */
    public static final int FLAG_END_HEADERS = 0x4;
    /** DATA, HEADERS: a pad length octet leads the payload, padding ends it. */
    public static final int FLAG_PADDED = 0x8;
    /** HEADERS: the exclusive flag, stream dependency and weight lead the payload. */
    public static final int FLAG_PRIORITY = 0x20;

    /** The frame header: length (24 bits), type, flags, reserved bit and stream id (31 bits). */
    public static final int HEADER_LENGTH = 9;

    private FrameType() {
    }
}
