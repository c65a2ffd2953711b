package io.jvicorn.benchmarks.peers;

import io.jvicorn.benchmarks.db.Database;
import io.jvicorn.benchmarks.db.FortunesPage;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The database workloads for {@link NettyServer}, as Netty users must write them: the blocking JDBC call leaves the
 * event loop for a fixed pool of platform threads, one per database connection (so none waits for a connection), and
 * the response goes back to the loop. The queue in front of the pool is bounded; when it is full the request is
 * answered 503 at once.
 */
final class NettyDatabase {
    /** Far above what benchmarks/run sends (a connection has at most one query in flight): overflow is a fault. */
    private static final int QUEUE = 4096;

    private final Database db;
    private final ThreadPoolExecutor pool;

    NettyDatabase(Database db, int threads) {
        this.db = db;
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("netty-db-", 0).daemon().factory());
    }

    /**
     * Whether a path is one of the database workloads.
     *
     * @param path the request's path
     * @return true for {@code /db} and {@code /fortunes}
     */
    static boolean serves(String path) {
        return path.equals(Workloads.DB_PATH) || path.equals(Workloads.FORTUNES_PATH);
    }

    /**
     * Runs the query of {@code path} on the pool and hands its response to {@code done}, on a pool thread; or hands
     * over a 503 at once, on the calling thread, when the queue is full.
     *
     * @param path a path {@link #serves} accepts
     * @param date the Date header's value source
     * @param done receives the response
     */
    void answer(String path, Supplier<String> date, Consumer<FullHttpResponse> done) {
        try {
            pool.execute(() -> done.accept(query(path, date.get())));
        } catch (RejectedExecutionException e) {
            done.accept(error(HttpResponseStatus.SERVICE_UNAVAILABLE, "database queue full"));
        }
    }

    private FullHttpResponse query(String path, String date) {
        try {
            if (path.equals(Workloads.DB_PATH)) {
                return ok(date, Workloads.APPLICATION_JSON, db.randomWorld().json());
            }
            return ok(date, FortunesPage.CONTENT_TYPE, FortunesPage.render(db.fortunes()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down");
        } catch (Exception e) {
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "database error: " + e.getMessage());
        }
    }

    private static FullHttpResponse ok(String date, String contentType, byte[] body) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body),
                new DefaultHttpHeaders()
                        .add(HttpHeaderNames.SERVER, "netty")
                        .add(HttpHeaderNames.DATE, date)
                        .add(HttpHeaderNames.CONTENT_TYPE, contentType)
                        .add(HttpHeaderNames.CONTENT_LENGTH, body.length),
                EmptyHttpHeaders.INSTANCE);
    }

    private static FullHttpResponse error(HttpResponseStatus status, String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body),
                new DefaultHttpHeaders()
                        .add(HttpHeaderNames.CONTENT_TYPE, Workloads.TEXT_PLAIN)
                        .add(HttpHeaderNames.CONTENT_LENGTH, body.length),
                EmptyHttpHeaders.INSTANCE);
    }
}
