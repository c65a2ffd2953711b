package io.jvicorn.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Echoes every byte back, written by a virtual thread of its own (writes may park; the loop must not). */
class EchoHandler extends RecordingHandler {
    private final BlockingQueue<byte[]> pending = new LinkedBlockingQueue<>();
    private final Thread writer;

    EchoHandler(Connection connection) {
        super(connection);
        writer = Thread.ofVirtual().name("test-echo").start(this::writeLoop);
    }

    private void writeLoop() {
        try {
            while (true) {
                connection.write(ByteBuffer.wrap(pending.take()));
            }
        } catch (InterruptedException | IOException e) {
            // closed: the test sees it from the client side
        }
    }

    @Override
    void data(byte[] bytes) {
        pending.add(bytes);
    }

    @Override
    void closedHook() {
        writer.interrupt();
    }
}
