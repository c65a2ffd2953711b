package io.jvicorn.cli;

import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http11.codec.RequestParser;
import io.jvicorn.http11.codec.ResponseEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Loads and initializes what serving needs on a second thread while the main thread parses the command line, which
 * takes most of a CLI start (picocli reads its annotations reflectively). Only side-effect-free work: the sans-IO
 * parser and encoder on a sample request, NIO's selector provider, the virtual-thread scheduler and the server's
 * classes. Any failure is ignored; the main thread does the same work again when it gets there.
 */
final class StartupWarmer {
    /** Initialized by name: most are internal to their modules. StartupWarmerTest checks that each exists. */
    static final List<String> SERVER_CLASSES = List.of(
            "io.jvicorn.server.Server",
            "io.jvicorn.engine.Engine",
            "io.jvicorn.engine.SelectorLoop",
            "io.jvicorn.engine.Connection",
            "io.jvicorn.http11.server.HttpConnectionHandler",
            "io.jvicorn.http11.server.Exchange",
            "io.jvicorn.lifespan.Lifespan",
            "io.jvicorn.cli.AppLoader");

    private StartupWarmer() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    static void start() {
        Thread.ofPlatform().daemon().name("jvicorn-warmup").start(StartupWarmer::warm);
    }

    /** Runs the warm-up on the calling thread. */
    static void warm() {
        try {
            for (String name : SERVER_CLASSES) {
                Class.forName(name, true, StartupWarmer.class.getClassLoader());
            }
            Selector.open().close();
            ServerSocketChannel.open().close();
            RequestParser parser = new RequestParser(ParserLimits.DEFAULTS);
            parser.next(ByteBuffer.wrap("GET /warm?up=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ResponseEncoder.plainResponse(200, "warm", DefaultHeaders.create(true, true, List.of()));
            Thread.ofVirtual().start(() -> { }).join();
        } catch (Exception | LinkageError e) {
            // best effort: whatever failed here is done, and reported, by the main thread
        }
    }
}
