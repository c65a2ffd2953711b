package io.jvicorn.http11.server;

import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http11.codec.RequestParser;
import java.util.ArrayDeque;

/**
 * Idle request parsers kept per selector loop thread. A connection takes one when bytes arrive and gives it back as
 * soon as the parser holds nothing between requests, so an idle keep-alive connection keeps no parser and a busy one
 * allocates none. Loop threads are few platform threads, so a thread-local pool is the right shape here.
 */
final class ParserPool {
    private static final int MAX_IDLE_PER_LOOP = 1024;
    private static final ThreadLocal<ArrayDeque<RequestParser>> IDLE = ThreadLocal.withInitial(ArrayDeque::new);

    private ParserPool() {
    }

    static RequestParser take(ParserLimits limits) {
        ArrayDeque<RequestParser> idle = IDLE.get();
        RequestParser parser;
        while ((parser = idle.poll()) != null) {
            if (parser.limits() == limits) {
                return parser;
            }
        }
        return new RequestParser(limits);
    }

    /** @param parser an idle parser (between requests, nothing buffered) */
    static void give(RequestParser parser) {
        ArrayDeque<RequestParser> idle = IDLE.get();
        assert !idle.contains(parser) : "a parser given back twice would be shared by two connections";
        if (idle.size() < MAX_IDLE_PER_LOOP) {
            parser.releaseBuffers();
            idle.push(parser);
        }
    }
}
