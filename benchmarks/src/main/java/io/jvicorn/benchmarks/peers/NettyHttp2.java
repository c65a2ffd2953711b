package io.jvicorn.benchmarks.peers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Netty 4.2's HTTP/2 for the h2 workloads: cleartext by prior knowledge on the same port as HTTP/1.1. A connection's
 * first bytes pick its pipeline ({@link Detector}), so HTTP/1.1 connections end with exactly the pipeline they had
 * before; an HTTP/2 connection gets an {@link Http2ConnectionHandler} that is its own frame listener, as Netty's
 * {@code example.http2.helloworld.server} does (the API that Netty's examples put first, without a child channel per
 * stream). Responses are precomputed: shared header blocks rebuilt when the date changes, and duplicates of
 * unreleasable body buffers; the handler flushes once per read batch (Netty's {@code channelReadComplete}).
 */
final class NettyHttp2 {
    private static final AsciiString SERVER = AsciiString.cached("netty");

    private NettyHttp2() {
    }

    /**
     * Reads a connection's first bytes: the HTTP/2 connection preface makes it HTTP/2, anything else HTTP/1.1. Then it
     * steps aside, handing what it read to the pipeline it set up.
     */
    static final class Detector extends ByteToMessageDecoder {
        private final Consumer<ChannelPipeline> http1;
        private final Supplier<String> date;

        /**
         * @param date  the Date header's current value
         * @param http1 adds the HTTP/1.1 handlers at the end of the pipeline
         */
        Detector(Supplier<String> date, Consumer<ChannelPipeline> http1) {
            this.date = date;
            this.http1 = http1;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
            int n = Math.min(in.readableBytes(), preface.readableBytes());
            boolean h2 = ByteBufUtil.equals(preface, preface.readerIndex(), in, in.readerIndex(), n);
            if (h2 && n < preface.readableBytes()) {
                return; // a prefix of the preface so far: wait for more
            }
            if (h2) {
                ctx.pipeline().addAfter(ctx.name(), "h2", new Builder(date).build());
            } else {
                http1.accept(ctx.pipeline());
            }
            ctx.pipeline().remove(this); // forwards the bytes it holds
        }
    }

    /** Builds a {@link Handler} that listens to its own frames. */
    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Handler, Builder> {
        private final Supplier<String> date;

        Builder(Supplier<String> date) {
            this.date = date;
        }

        @Override
        public Handler build() {
            return super.build();
        }

        @Override
        protected Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                Http2Settings initialSettings) {
            Handler h = new Handler(decoder, encoder, initialSettings, date);
            frameListener(h.listener);
            return h;
        }
    }

    /**
     * One HTTP/2 connection: answers each request once its stream ends (a request with a body keeps its path in the
     * stream until then). Event loop only.
     */
    private static final class Handler extends Http2ConnectionHandler {
        private final Responses responses;
        private final Http2Connection.PropertyKey pathKey = connection().newKey();
        final Http2FrameAdapter listener = new Http2FrameAdapter() {
            @Override
            public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                      boolean endOfStream) {
                if (endOfStream) {
                    respond(ctx, streamId, headers.path());
                } else {
                    Http2Stream stream = connection().stream(streamId);
                    if (stream != null && headers.path() != null) {
                        stream.setProperty(pathKey, headers.path());
                    }
                }
            }

            @Override
            public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                                      short weight, boolean exclusive, int padding, boolean endOfStream) {
                onHeadersRead(ctx, streamId, headers, padding, endOfStream);
            }

            @Override
            public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
                                  boolean endOfStream) {
                if (endOfStream) {
                    Http2Stream stream = connection().stream(streamId);
                    respond(ctx, streamId, stream == null ? null : stream.getProperty(pathKey));
                }
                return data.readableBytes() + padding; // consumed: the window opens again
            }
        };

        Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
                Supplier<String> date) {
            super(decoder, encoder, settings);
            this.responses = new Responses(date);
        }

        private void respond(ChannelHandlerContext ctx, int streamId, @Nullable CharSequence path) {
            Responses.Fixed fixed = responses.of(path);
            encoder().writeHeaders(ctx, streamId, fixed.headers(), 0, false, ctx.newPromise());
            encoder().writeData(ctx, streamId, fixed.body(), 0, true, ctx.newPromise());
        }
    }

    /** The precomputed responses of one connection's event loop. */
    private static final class Responses {
        private final Supplier<String> date;
        private final Fixed plaintext = new Fixed(Workloads.TEXT_PLAIN, Workloads.PLAINTEXT, "200");
        private final Fixed json = new Fixed(Workloads.APPLICATION_JSON, Workloads.JSON, "200");
        private final Fixed body10k = new Fixed(Workloads.OCTET_STREAM, Workloads.BODY_10K, "200");
        private final Fixed body1m = new Fixed(Workloads.OCTET_STREAM, Workloads.BODY_1M, "200");
        private final Fixed notFound = new Fixed(Workloads.TEXT_PLAIN, new byte[0], "404");

        Responses(Supplier<String> date) {
            this.date = date;
        }

        Fixed of(@Nullable CharSequence path) {
            Fixed f;
            if (path == null) {
                f = notFound;
            } else {
                f = switch (path.toString()) {
                    case Workloads.PLAINTEXT_PATH -> plaintext;
                    case Workloads.JSON_PATH -> json;
                    case Workloads.BODY_10K_PATH -> body10k;
                    case Workloads.BODY_1M_PATH -> body1m;
                    default -> notFound;
                };
            }
            f.refresh(date.get());
            return f;
        }

        /** A response: its header block (rebuilt when the date changes) and its body. */
        private static final class Fixed {
            private final AsciiString contentType;
            private final AsciiString status;
            private final ByteBuf body;
            private Http2Headers headers = new DefaultHttp2Headers();
            private String headersDate = "";

            Fixed(String contentType, byte[] body, String status) {
                this.contentType = AsciiString.cached(contentType);
                this.status = AsciiString.cached(status);
                this.body = Unpooled.unreleasableBuffer(Unpooled.directBuffer(Math.max(1, body.length))
                        .writeBytes(body));
            }

            void refresh(String d) {
                if (!headersDate.equals(d)) {
                    headers = new DefaultHttp2Headers()
                            .status(status)
                            .add(HttpHeaderNames.SERVER, SERVER)
                            .add(HttpHeaderNames.DATE, d)
                            .add(HttpHeaderNames.CONTENT_TYPE, contentType)
                            .addInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                    headersDate = d;
                }
            }

            Http2Headers headers() {
                return headers;
            }

            ByteBuf body() {
                return body.duplicate();
            }
        }
    }
}
