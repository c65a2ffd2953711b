package io.jvicorn.testing;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link WebSocket.Listener} for the JDK's WebSocket client against a real server: it joins each message's parts
 * and queues whole messages (text as {@code String}, binary as {@code byte[]}), and remembers how the WebSocket
 * closed. Each wait is bounded ({@link #TIMEOUT_SECONDS}) and fails with an {@link AssertionError} naming what did not
 * come, so a test never hangs. The client's callbacks run one at a time, so the parts need no lock.
 */
public final class JdkWebSocketListener implements WebSocket.Listener {
    /** How long each wait lasts at most. */
    public static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    /** Makes a listener with nothing received. */
    public JdkWebSocketListener() {
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete("error " + error);
    }

    /**
     * @return the next whole message: a {@code String} for text, a {@code byte[]} for binary
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if none comes in time
     */
    public Object next() throws InterruptedException {
        Object m = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no WebSocket message within " + TIMEOUT_SECONDS + " s");
        }
        return m;
    }

    /**
     * @return the next message, which must be text
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if none comes in time, or it is binary
     */
    public String nextText() throws InterruptedException {
        Object m = next();
        if (!(m instanceof String s)) {
            throw new AssertionError("expected a text message, got " + ((byte[]) m).length + " binary bytes");
        }
        return s;
    }

    /**
     * @return the next message, which must be binary
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if none comes in time, or it is text
     */
    public byte[] nextBinary() throws InterruptedException {
        Object m = next();
        if (!(m instanceof byte[] b)) {
            throw new AssertionError("expected a binary message, got text: " + m);
        }
        return b;
    }

    /**
     * @return how the WebSocket closed: {@code "<code> <reason>"} for a close frame, {@code "error <exception>"} for a
     *         failure
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if it does not close in time
     */
    public String closeStatus() throws InterruptedException {
        try {
            return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the WebSocket did not close within " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** @return whole messages received and not yet taken */
    public int pending() {
        return messages.size();
    }

    /** @return whether the WebSocket has closed (a close frame or a failure) */
    public boolean isClosed() {
        return closed.isDone();
    }
}
