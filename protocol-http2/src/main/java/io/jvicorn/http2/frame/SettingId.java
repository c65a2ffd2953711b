package io.jvicorn.http2.frame;

/** The SETTINGS parameters (RFC 9113 §6.5.2, RFC 8441 §3), their identifiers and bounds. */
public final class SettingId {
    public static final int HEADER_TABLE_SIZE = 0x1;
    public static final int ENABLE_PUSH = 0x2;
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    public static final int MAX_FRAME_SIZE = 0x5;
    public static final int MAX_HEADER_LIST_SIZE = 0x6;
    public static final int ENABLE_CONNECT_PROTOCOL = 0x8;

    /** The initial and smallest SETTINGS_MAX_FRAME_SIZE. */
    public static final int MIN_MAX_FRAME_SIZE = 16_384;
    /** The largest SETTINGS_MAX_FRAME_SIZE, 2^24-1. */
    public static final int MAX_MAX_FRAME_SIZE = 16_777_215;
    /** The largest flow-control window, 2^31-1. */
    public static final int MAX_WINDOW_SIZE = Integer.MAX_VALUE;

    private SettingId() {
    }
}
