package io.jvicorn.http11.server;

import io.jvicorn.asgi.rules.HttpResponseCycle;
import io.jvicorn.engine.FileShrankException;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.OutputBuffer;
import io.jvicorn.http11.codec.ResponseEncoder;
import io.jvicorn.http11.codec.ServerResponses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * Where an exchange's response goes: the encoder, the buffer it encodes into, and the writes to the transport, with
 * pipelined responses batched into one write. An exchange sees only this, never the connection's handler.
 *
 * <p>Two modes. On the worker virtual thread ({@link #attachWorker}) writes park until the peer takes the bytes. On
 * the selector loop ({@link #attachInline}, for a {@code NonBlockingApplication}) nothing is written during the
 * exchange: the loop writes the collected bytes afterwards without waiting. The encoder and buffer come from shared
 * pools for one run, so an idle connection holds neither.
 *
 * <p>Owner: whoever runs exchanges now, the worker or the loop answering inline; {@link ExchangeQueue} makes sure
 * there is one at a time and orders their memory effects.
 */
final class ResponseOutput {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** Output kept back while more pipelined responses follow. */
    static final int BATCH_LIMIT = 16 * 1024;
    /**
     * A file body whose head and bytes fit in this many bytes is copied into the output, so that both go out in one
     * write and one TCP segment: cheaper than {@code sendfile}'s second syscall and segment for a small file (see
     * benchmarks/results/static-files/profile.md). Not more than the copy area {@link OutputBufferPool} keeps.
     */
    static final int COPIED_FILE_LIMIT = 16 * 1024;

    private final Transport transport;
    private final ExchangeQueue queue;
    private final DefaultHeaders defaults;
    private @Nullable ResponseEncoder encoder;
    private @Nullable OutputBuffer buffer;
    private boolean inline;
    private boolean closing;
    /** The order of the current exchange's sends; reset for each one, so a request allocates none. */
    private final HttpResponseCycle cycle = new HttpResponseCycle();

    ResponseOutput(Transport transport, ExchangeQueue queue, DefaultHeaders defaults) {
        this.transport = transport;
        this.queue = queue;
        this.defaults = defaults;
    }

    void attachWorker(OutputBuffer out) {
        attach(out, false);
    }

    void attachInline(OutputBuffer out) {
        attach(out, true);
    }

    private void attach(OutputBuffer out, boolean onLoop) {
        buffer = out;
        encoder = EncoderPool.take(defaults);
        inline = onLoop;
        closing = false;
    }

    /** Gives the encoder back; the buffer stays with whoever attached it. */
    void detach() {
        ResponseEncoder e = encoder;
        if (e != null) {
            EncoderPool.give(e);
        }
        encoder = null;
        buffer = null;
        inline = false;
    }

    HttpResponseCycle cycle() {
        return cycle;
    }

    ResponseEncoder encoder() {
        ResponseEncoder e = encoder;
        assert e != null : "encoder used outside a worker run or an inline answer";
        return e;
    }

    OutputBuffer buffer() {
        OutputBuffer b = buffer;
        assert b != null : "output used outside a worker run or an inline answer";
        return b;
    }

    Transport transport() {
        return transport;
    }

    /** @return true on the selector loop: the exchange must not wait */
    boolean isInline() {
        return inline;
    }

    boolean isShuttingDown() {
        return queue.isShuttingDown();
    }

    /** @return whether the connection closes after the current response */
    boolean isClosing() {
        return closing;
    }

    /**
     * The connection closes after this response: from now on no later request is processed. Called before the
     * response's bytes can reach the client, so a client that reads {@code connection: close} and writes again finds
     * its request refused (on the worker by the queue, inline by the loop, which is the one running this).
     */
    void closeAfterResponse() {
        closing = true;
        if (!inline) {
            queue.stopAccepting(); // inline, the loop itself stops parsing when the answer returns
        }
    }

    /** A response is complete: write it now, unless more pipelined responses can join it in one write. */
    void responseComplete() throws IOException {
        if (!queue.hasQueued() || buffer().size() >= BATCH_LIMIT) {
            flush();
        }
    }

    /** Writes what is buffered (on the loop: nothing yet; the loop writes after the exchange). */
    void flush() throws IOException {
        if (inline) {
            return;
        }
        OutputBuffer out = buffer();
        if (out.isEmpty()) {
            return;
        }
        noteClose();
        try {
            transport.write(out.buffers());
        } finally {
            out.clear();
        }
    }

    void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
        }
    }

    /**
     * Encodes the head of a file body of {@code length} bytes ({@link ResponseEncoder#fileBody}) and sends the file
     * after it: a small one copied into the output, to go out with its head (and be batched like any body), a larger
     * one by {@link Transport#transferFrom} after what is buffered (its first bytes in the same write, the rest with
     * {@code sendfile} where the transport can). Worker only (it reads a file).
     *
     * @throws FileShrankException if the file is shorter than {@code length}: what it had goes out, and the
     *                             connection is closed, so the client sees the response cut off
     */
    void writeFile(FileChannel file, long length) throws IOException {
        OutputBuffer out = buffer();
        long count = encoder().fileBody(length, out);
        if (count > 0 && out.size() + count <= COPIED_FILE_LIMIT) {
            copy(file, (int) count, out);
        } else {
            noteClose();
            try {
                transport.transferFrom(out.buffers(), file, 0, count);
            } finally {
                out.clear();
            }
        }
    }

    /** Reads the first {@code count} bytes of {@code file} into {@code out}, after their head. */
    private void copy(FileChannel file, int count, OutputBuffer out) throws IOException {
        ByteBuffer space = out.append(count);
        int position = 0;
        while (space.hasRemaining()) {
            int n = file.read(space, position);
            if (n < 0) {
                out.truncate(out.size() - (count - position));
                try {
                    flush(); // earlier responses whole, this one cut off as the file was: as sendfile would have
                } finally {
                    transport.close();
                }
                throw new FileShrankException(count - position);
            }
            position += n;
        }
    }

    /** Writes bytes that are not part of the encoded response (100 Continue) after what is buffered. */
    void writeNow(byte[] bytes) throws IOException {
        if (inline) {
            buffer().write(bytes);
            return;
        }
        flush();
        transport.write(ByteBuffer.wrap(bytes));
    }

    /**
     * Replaces whatever is buffered with a complete plain-text response that closes the connection (errors, 503).
     *
     * @return the body's length, for the access log
     */
    int writeClosingResponse(int status, String body) {
        return writeClosing(ServerResponses.plainResponse(status, body, defaults), body.length());
    }

    /**
     * As {@link #writeClosingResponse(int, String)} with another content type (the debug page's HTML).
     *
     * @return the content's length, for the access log
     */
    int writeClosingResponse(int status, String contentType, byte[] content) {
        return writeClosing(ServerResponses.closingResponse(status, contentType, content, defaults), content.length);
    }

    private int writeClosing(byte[] response, int bodyLength) {
        closeAfterResponse();
        buffer().clear();
        try {
            writeNow(response);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
        }
        return bodyLength;
    }

    /** A response head that says {@code connection: close} is about to go out: nothing after it may be processed. */
    private void noteClose() {
        if (!closing) {
            ResponseEncoder e = encoder();
            if (e.isStarted() && !e.isHeadPending() && !e.keepAlive()) {
                closeAfterResponse();
            }
        }
    }

    /** For the loop, after an inline exchange: whether its response closes the connection. */
    boolean inlineResponseCloses() {
        noteClose();
        return closing;
    }
}
