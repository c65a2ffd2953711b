package io.jvicorn.server;

import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http11.codec.RequestParser;
import io.jvicorn.http11.codec.ServerResponses;
import io.jvicorn.server.signal.SignalHandlers;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What {@link Server#warmUp()} does: side-effect-free work that loads and initializes what serving needs. */
final class WarmUp {
    /** Initialized by name: most are internal to their modules. WarmUpTest checks that each exists. */
    static final List<String> SERVER_CLASSES = List.of(
            "io.jvicorn.server.Server",
            "io.jvicorn.engine.Engine",
            "io.jvicorn.engine.SelectorLoop",
            "io.jvicorn.engine.Connection",
            "io.jvicorn.engine.SocketWriter",
            "io.jvicorn.http11.server.HttpConnectionHandler",
            "io.jvicorn.http11.server.Exchange",
            "io.jvicorn.lifespan.Lifespan");

    private WarmUp() {
    }

    static void run() {
        try {
            SignalHandlers.prepare();
            for (String name : SERVER_CLASSES) {
                Class.forName(name, true, WarmUp.class.getClassLoader());
            }
            Selector.open().close();
            ServerSocketChannel.open().close();
            RequestParser parser = new RequestParser(ParserLimits.DEFAULTS);
            parser.next(ByteBuffer.wrap("GET /warm?up=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ServerResponses.plainResponse(200, "warm", DefaultHeaders.create(true, true, List.of()));
            Thread.ofVirtual().start(() -> { }).join();
        } catch (Exception | LinkageError e) {
            // best effort: whatever failed here is done, and reported, when the server starts
        }
    }
}
