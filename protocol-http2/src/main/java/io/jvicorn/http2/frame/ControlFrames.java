package io.jvicorn.http2.frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The payloads of the fixed-layout frames (PRIORITY, RST_STREAM, SETTINGS, PING, GOAWAY, WINDOW_UPDATE), once whole,
 * turned into events; their lengths were checked with the frame header.
 */
final class ControlFrames {
    private ControlFrames() {
    }

    static FrameEvent parse(int type, int flags, int streamId, byte[] p, int length) {
        boolean ack = (flags & FrameType.FLAG_ACK) != 0;
        return switch (type) {
            case FrameType.PRIORITY -> (int31(p, 0) == streamId)
                    ? new FrameEvent.Rejected(FrameViolation.STREAM_DEPENDS_ON_ITSELF, streamId)
                    : new FrameEvent.Priority(streamId);
            case FrameType.RST_STREAM -> new FrameEvent.RstStream(streamId, uint32(p, 0));
            case FrameType.SETTINGS -> settings(ack, p, length);
            case FrameType.PING -> new FrameEvent.Ping(ack, (uint32(p, 0) << 32) | uint32(p, 4));
            case FrameType.GOAWAY -> new FrameEvent.GoAway(int31(p, 0), uint32(p, 4), Arrays.copyOfRange(p, 8, length));
            case FrameType.WINDOW_UPDATE -> {
                int increment = int31(p, 0);
                if (increment != 0) {
                    yield new FrameEvent.WindowUpdate(streamId, increment);
                }
                yield new FrameEvent.Rejected(streamId == 0 ? FrameViolation.ZERO_WINDOW_INCREMENT
                        : FrameViolation.ZERO_WINDOW_INCREMENT_ON_STREAM, streamId);
            }
            default -> throw new IllegalArgumentException("not a control frame type: " + type);
        };
    }

    /**
     * Checks the SETTINGS parameter at {@code at} (six octets: identifier, value).
     *
     * @return the rule its value breaks, or null
     */
    static @Nullable FrameViolation checkSetting(byte[] p, int at) {
        long value = uint32(p, at + 2);
        return switch (uint16(p, at)) {
            case SettingId.ENABLE_PUSH -> value > 1 ? FrameViolation.ENABLE_PUSH_VALUE : null;
            case SettingId.INITIAL_WINDOW_SIZE -> value > SettingId.MAX_WINDOW_SIZE
                    ? FrameViolation.INITIAL_WINDOW_SIZE_VALUE : null;
            case SettingId.MAX_FRAME_SIZE -> value < SettingId.MIN_MAX_FRAME_SIZE || value > SettingId.MAX_MAX_FRAME_SIZE
                    ? FrameViolation.MAX_FRAME_SIZE_VALUE : null;
            case SettingId.ENABLE_CONNECT_PROTOCOL -> value > 1 ? FrameViolation.ENABLE_CONNECT_PROTOCOL_VALUE : null;
            default -> null;
        };
    }

    /** The parameters, checked already by {@link #checkSetting}; unknown identifiers are ignored (RFC 9113 §6.5.2). */
    private static FrameEvent settings(boolean ack, byte[] p, int length) {
        List<FrameEvent.Setting> settings = new ArrayList<>(length / 6);
        for (int at = 0; at < length; at += 6) {
            int id = uint16(p, at);
            if (id >= SettingId.HEADER_TABLE_SIZE && id <= SettingId.MAX_HEADER_LIST_SIZE
                    || id == SettingId.ENABLE_CONNECT_PROTOCOL) {
                settings.add(new FrameEvent.Setting(id, uint32(p, at + 2)));
            }
        }
        return new FrameEvent.Settings(ack, List.copyOf(settings));
    }

    private static int uint16(byte[] p, int at) {
        return (p[at] & 0xFF) << 8 | p[at + 1] & 0xFF;
    }

    static long uint32(byte[] p, int at) {
        return (long) (p[at] & 0xFF) << 24 | (p[at + 1] & 0xFF) << 16 | (p[at + 2] & 0xFF) << 8 | p[at + 3] & 0xFF;
    }

    /** 31 bits, the leading reserved (or exclusive) bit cleared. */
    static int int31(byte[] p, int at) {
        return (int) (uint32(p, at) & 0x7FFF_FFFFL);
    }
}
