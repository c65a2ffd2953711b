package io.jvicorn.websocket.codec;

/** RFC 6455 §5.2 frame opcodes. */
final class Opcode {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Opcode() {
    }

    /** Control frames have the high opcode bit set. */
    static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** Opcodes 3-7 and 0xB-0xF are reserved. */
    static boolean isKnown(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }
}
