package io.jvicorn.http2.frame;

/**
 * What the frame decoder accepts.
 *
 * @param maxFrameSize       this endpoint's SETTINGS_MAX_FRAME_SIZE, 16384 to 16777215
 * @param maxHeaderBlockSize the most a header block may take on the wire, frame headers of its HEADERS and CONTINUATION
 *                           frames included, so that empty CONTINUATION frames count too (CVE-2024-27316)
 */
public record FrameLimits(int maxFrameSize, int maxHeaderBlockSize) {
    /** RFC 9113's initial frame size, and a 64 KiB header block. */
    public static final FrameLimits DEFAULTS = new FrameLimits(SettingId.MIN_MAX_FRAME_SIZE, 64 * 1024);

    /** Checks the ranges. */
    public FrameLimits {
        if (maxFrameSize < SettingId.MIN_MAX_FRAME_SIZE || maxFrameSize > SettingId.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("max frame size outside 16384..16777215: " + maxFrameSize);
        }
        if (maxHeaderBlockSize < FrameType.HEADER_LENGTH) {
            throw new IllegalArgumentException("max header block size too small: " + maxHeaderBlockSize);
        }
    }
}
