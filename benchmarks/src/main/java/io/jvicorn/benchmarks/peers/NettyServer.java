package io.jvicorn.benchmarks.peers;

import io.jvicorn.benchmarks.db.Database;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Netty 4.2 serving {@link Workloads} the way Netty's own benchmark servers do: HttpServerCodec, precomputed
 * responses over shared unreleasable buffers, writes flushed once per read batch (so pipelined responses leave in one
 * write), one event loop per core (or {@code --loops N}). HTTP/2 by prior knowledge on the same port
 * ({@link NettyHttp2}) for the h2 workloads. {@code --transport epoll} uses the native epoll transport.
 * With {@code --db}, the database workloads run on a thread pool ({@link NettyDatabase}); while a connection waits
 * for one, it reads no more and holds its next requests, so responses keep their order.
 */
public final class NettyServer {
    private static final Fixed PLAINTEXT = new Fixed(Workloads.TEXT_PLAIN, Workloads.PLAINTEXT);
    private static final Fixed JSON = new Fixed(Workloads.APPLICATION_JSON, Workloads.JSON);
    private static final Fixed BODY_10K = new Fixed(Workloads.OCTET_STREAM, Workloads.BODY_10K);
    private static final Fixed BODY_1M = new Fixed(Workloads.OCTET_STREAM, Workloads.BODY_1M);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** The Date header's value, replaced once a second by a task on the event loops. */
    private static volatile String date = now();

    private NettyServer() {
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}; {@code --transport nio} (default) or {@code epoll}
     * @throws Exception if the transport is unavailable or the port cannot be bound
     */
    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        int loops = a.loopsOr(Runtime.getRuntime().availableProcessors());
        NettyDatabase db = a.db() == null ? null
                : new NettyDatabase(new Database(a.db(), a.dbPool()), a.dbPool());
        IoHandlerFactory io;
        Class<? extends ServerChannel> channel;
        if (a.transport().equals("epoll")) {
            Epoll.ensureAvailability();
            io = EpollIoHandler.newFactory();
            channel = EpollServerSocketChannel.class;
        } else {
            io = NioIoHandler.newFactory();
            channel = NioServerSocketChannel.class;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, io);
        group.scheduleAtFixedRate(() -> date = now(), 1, 1, TimeUnit.SECONDS);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 2048)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // The first bytes pick HTTP/1.1 or HTTP/2 (prior knowledge) for the connection.
                        ch.pipeline().addLast("detect", new NettyHttp2.Detector(() -> date, pipeline ->
                                pipeline.addLast("http", new HttpServerCodec()).addLast("app", new Handler(db))));
                    }
                })
                .bind(a.host(), a.port()).sync().channel();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS)));
        a.announce("netty-" + a.transport(), "loops=" + loops);
        server.closeFuture().sync();
    }

    private static String now() {
        return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** A precomputed body; the headers are rebuilt when the date changes. */
    private static final class Fixed {
        private final ByteBuf body;
        private final String contentType;
        private volatile @Nullable HttpHeaders headers;
        private volatile String headersDate = "";

        Fixed(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = Unpooled.unreleasableBuffer(Unpooled.directBuffer(body.length).writeBytes(body));
        }

        FullHttpResponse response() {
            String d = date;
            HttpHeaders h = headers;
            if (h == null || !headersDate.equals(d)) {
                h = new DefaultHttpHeaders()
                        .add(HttpHeaderNames.SERVER, "netty")
                        .add(HttpHeaderNames.DATE, d)
                        .add(HttpHeaderNames.CONTENT_TYPE, contentType)
                        .add(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                headers = h;
                headersDate = d;
            }
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body.duplicate(), h,
                    EmptyHttpHeaders.INSTANCE);
        }
    }

    /** One connection's requests, and its WebSocket frames after an upgrade. */
    private static final class Handler extends ChannelInboundHandlerAdapter {
        // Every field is the connection's event loop's.
        private final @Nullable NettyDatabase db;
        /** Messages that came while a database query was in flight, handled once its response is written. */
        private final ArrayDeque<Object> held = new ArrayDeque<>(2);
        private boolean querying;
        private @Nullable WebSocketServerHandshaker handshaker;
        private @Nullable ByteBuf echo;
        private boolean keepAlive = true;
        private boolean skipContent;

        Handler(@Nullable NettyDatabase db) {
            this.db = db;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (querying) {
                held.add(msg);
                return;
            }
            switch (msg) {
                case HttpRequest request -> request(ctx, request);
                case WebSocketFrame frame -> frame(ctx, frame);
                case HttpContent content -> content(ctx, content);
                default -> ReferenceCountUtil.release(msg);
            }
        }

        private void request(ChannelHandlerContext ctx, HttpRequest request) {
            keepAlive = HttpUtil.isKeepAlive(request);
            skipContent = true;
            switch (request.uri()) {
                case Workloads.PLAINTEXT_PATH -> respond(ctx, PLAINTEXT.response());
                case Workloads.JSON_PATH -> respond(ctx, JSON.response());
                case Workloads.BODY_10K_PATH -> respond(ctx, BODY_10K.response());
                case Workloads.BODY_1M_PATH -> respond(ctx, BODY_1M.response());
                case Workloads.ECHO_PATH -> {
                    if (request.method().equals(HttpMethod.POST)) {
                        long length = HttpUtil.getContentLength(request, 0L);
                        echo = ctx.alloc().buffer((int) Math.min(Math.max(length, 256), 16 * 1024 * 1024));
                        skipContent = false;
                    } else {
                        respond(ctx, notFound());
                    }
                }
                case Workloads.WEBSOCKET_PATH -> upgrade(ctx, request);
                case String path when db != null && NettyDatabase.serves(path) -> query(ctx, db, path);
                default -> respond(ctx, notFound());
            }
        }

        /** Offloads a query; until its answer is written the connection reads nothing and holds what it has read. */
        private void query(ChannelHandlerContext ctx, NettyDatabase database, String path) {
            querying = true;
            ctx.channel().config().setAutoRead(false);
            database.answer(path, () -> date, response -> ctx.executor().execute(() -> {
                querying = false;
                respond(ctx, response);
                while (!querying && !held.isEmpty()) {
                    channelRead(ctx, held.poll());
                }
                ctx.flush();
                if (!querying) {
                    ctx.channel().config().setAutoRead(true);
                }
            }));
        }

        private void content(ChannelHandlerContext ctx, HttpContent content) {
            try {
                ByteBuf body = echo;
                if (skipContent || body == null) {
                    return;
                }
                body.writeBytes(content.content());
                if (content instanceof LastHttpContent) {
                    echo = null;
                    HttpHeaders h = new DefaultHttpHeaders()
                            .add(HttpHeaderNames.SERVER, "netty")
                            .add(HttpHeaderNames.DATE, date)
                            .add(HttpHeaderNames.CONTENT_TYPE, Workloads.OCTET_STREAM)
                            .add(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                    respond(ctx, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body, h,
                            EmptyHttpHeaders.INSTANCE));
                }
            } finally {
                content.release();
            }
        }

        private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
            WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
                    "ws://" + request.headers().get(HttpHeaderNames.HOST) + Workloads.WEBSOCKET_PATH, null, false);
            WebSocketServerHandshaker h = factory.newHandshaker(request);
            if (h == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            handshaker = h;
            // The request of an upgrade has no body: hand it over whole, and drop its (empty) last content.
            h.handshake(ctx.channel(), new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                    request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE));
        }

        private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            switch (frame) {
                case TextWebSocketFrame text -> ctx.write(text);
                case BinaryWebSocketFrame binary -> ctx.write(binary);
                case PingWebSocketFrame ping -> ctx.write(new PongWebSocketFrame(ping.content()));
                case CloseWebSocketFrame close when handshaker != null -> handshaker.close(ctx, close);
                default -> frame.release();
            }
        }

        private void respond(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (keepAlive) {
                ctx.write(response, ctx.voidPromise());
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse notFound() {
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                    Unpooled.EMPTY_BUFFER, new DefaultHttpHeaders().add(HttpHeaderNames.CONTENT_LENGTH, 0),
                    EmptyHttpHeaders.INSTANCE);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            for (Object msg; (msg = held.poll()) != null; ) {
                ReferenceCountUtil.release(msg);
            }
            ByteBuf body = echo;
            if (body != null) {
                echo = null;
                body.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
