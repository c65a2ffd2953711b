package io.jvicorn.jakarta.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Annotated endpoints for the tests, one per callback kind. Each records its callbacks in {@link Events} as
 * {@code "<endpoint> <callback> <details>"} and answers over the socket, so a client sees what the server saw.
 */
public final class TestEndpoints {
    private TestEndpoints() {
    }

    /** Path parameters (String and int), open/message/close order, return values sent back. */
    @ServerEndpoint("/rooms/{room}/{seat}")
    public static class Rooms {
        @OnOpen
        public void open(Session session, EndpointConfig config, @PathParam("room") String room,
                         @PathParam("seat") int seat) {
            Events.add("rooms open " + room + " " + seat + " query=" + session.getQueryString()
                    + " params=" + new java.util.TreeMap<>(session.getRequestParameterMap()));
        }

        @OnMessage
        public String text(String text, @PathParam("room") String room, @PathParam("seat") int seat) {
            Events.add("rooms text " + text);
            return room + "#" + seat + ":" + text;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer data) {
            Events.add("rooms binary " + data.remaining());
            ByteBuffer reply = ByteBuffer.allocate(data.remaining() + 1);
            reply.put((byte) 0x7f).put(data).flip();
            return reply;
        }

        @OnClose
        public void close(Session session, CloseReason reason, @PathParam("room") String room) {
            Events.add("rooms close " + room + " " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    /** Partial messages: each part is answered with its last flag. */
    @ServerEndpoint("/partial")
    public static class Partial {
        @OnMessage
        public void text(Session session, String part, boolean last) throws IOException {
            session.getBasicRemote().sendText("text last=" + last + " " + part);
        }

        @OnMessage
        public void binary(byte[] part, boolean last, Session session) throws IOException {
            session.getBasicRemote().sendText("binary last=" + last + " " + part.length);
        }
    }

    /** Streams: a Reader for text, an InputStream for binary. */
    @ServerEndpoint("/streams")
    public static class Streams {
        @OnMessage
        public String text(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[100];
            for (int n; (n = reader.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
            return "reader " + sb.length() + " " + sb.substring(0, Math.min(5, sb.length()));
        }

        @OnMessage
        public String binary(InputStream in) throws IOException {
            return "stream " + in.readAllBytes().length;
        }
    }

    /** A primitive message, and a failed conversion reported to @OnError, which answers. */
    @ServerEndpoint("/double")
    public static class Doubler {
        @OnMessage
        public long twice(long n) {
            return n * 2;
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            Events.add("double error " + t.getClass().getSimpleName());
            session.getBasicRemote().sendText("error " + t.getClass().getSimpleName());
        }
    }

    /** A value type with a text decoder and encoder, and a binary decoder and stream encoder. */
    public record Point(int x, int y) {
    }

    /** {@code "x,y"} to a Point. */
    public static class PointDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] parts = s.split(",");
            try {
                return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "not a point", e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    /** A Point to {@code "(x,y)"}. */
    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) {
            return "(" + p.x() + "," + p.y() + ")";
        }
    }

    /** Two bytes to a Point. */
    public static class PointBytesDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer b) {
            return new Point(b.get(0), b.get(1));
        }

        @Override
        public boolean willDecode(ByteBuffer b) {
            return b.remaining() == 2;
        }
    }

    /** A marker type sent as a binary message through a stream encoder. */
    public record Blob(String content) {
    }

    /** A Blob's UTF-8 bytes. */
    public static class BlobEncoder implements Encoder.BinaryStream<Blob> {
        @Override
        public void encode(Blob b, java.io.OutputStream out) throws EncodeException, IOException {
            out.write(b.content().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Decoded text messages, encoded replies; a message no decoder will take goes to @OnError. */
    @ServerEndpoint(value = "/points", decoders = {PointDecoder.class}, encoders = {PointEncoder.class,
            BlobEncoder.class})
    public static class Points {
        @OnMessage
        public Point move(Point p, Session session) throws IOException, EncodeException {
            session.getBasicRemote().sendObject(new Blob("moving " + p.x()));
            return new Point(p.x() + 1, p.y() + 1);
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error " + t.getClass().getSimpleName());
        }
    }

    /** "x,y" read from a stream. */
    public static class PointStreamDecoder implements Decoder.TextStream<Point> {
        @Override
        public Point decode(Reader reader) throws DecodeException, IOException {
            return new PointDecoder().decode(new java.io.BufferedReader(reader).readLine());
        }
    }

    /** Two bytes written to a stream... as the text "[x y]" through a writer. */
    public static class PointWriterEncoder implements Encoder.TextStream<Point> {
        @Override
        public void encode(Point p, java.io.Writer w) throws IOException {
            w.write("[" + p.x() + " " + p.y() + "]");
        }
    }

    /** A Blob as raw bytes through Encoder.Binary. */
    public static class BlobBytesEncoder implements Encoder.Binary<Blob> {
        @Override
        public ByteBuffer encode(Blob b) {
            return ByteBuffer.wrap(b.content().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A binary message decoded from a stream: its length as a Blob. */
    public static class BlobStreamDecoder implements Decoder.BinaryStream<Blob> {
        @Override
        public Blob decode(InputStream in) throws IOException {
            return new Blob("bytes " + in.readAllBytes().length);
        }
    }

    /** The other coder forms: a text stream decoder and encoder, a binary decoder, Encoder.Binary. */
    @ServerEndpoint(value = "/coders", decoders = {PointStreamDecoder.class, BlobStreamDecoder.class},
            encoders = {PointWriterEncoder.class, BlobBytesEncoder.class})
    public static class Coders {
        @OnMessage
        public Point text(Point p) {
            return new Point(p.y(), p.x());
        }

        @OnMessage
        public Blob binary(Blob b) {
            return b;
        }
    }

    /** Binary messages as Points (Decoder.Binary). */
    @ServerEndpoint(value = "/point-bytes", decoders = {PointBytesDecoder.class}, encoders = {PointEncoder.class})
    public static class PointBytes {
        @OnMessage
        public Point binary(Point p) {
            return p;
        }
    }

    /** Pings from the server and the pongs that answer them; an unsolicited pong. */
    @ServerEndpoint("/ping")
    public static class Pinger {
        @OnMessage
        public void text(Session session, String text) throws IOException {
            ByteBuffer payload = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            if (text.startsWith("ping")) {
                session.getBasicRemote().sendPing(payload);
            } else {
                session.getAsyncRemote().sendPong(payload);
            }
        }

        @OnMessage
        public void pong(jakarta.websocket.PongMessage pong, Session session) throws IOException {
            session.getBasicRemote().sendText("pong " + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }
    }

    /** Closing from the server with a reason, and errors thrown by @OnMessage. */
    @ServerEndpoint("/close")
    public static class Closer {
        @OnMessage
        public void text(Session session, String text) throws IOException {
            if (text.equals("bye")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "server says bye"));
            } else if (text.equals("fail")) {
                throw new IllegalStateException("asked to fail");
            } else {
                session.getBasicRemote().sendText("open=" + session.isOpen());
            }
        }

        @OnClose
        public void close(CloseReason reason) {
            Events.add("close close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            Events.add("close error " + t.getMessage());
            session.getBasicRemote().sendText("error " + t.getMessage());
        }
    }
}
