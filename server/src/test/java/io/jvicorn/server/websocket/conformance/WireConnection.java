package io.jvicorn.server.websocket.conformance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The client's TCP connection: the opening handshake, checked byte by byte, then raw writes and a reader thread that
 * turns the server's bytes into {@link Incoming} items.
 */
final class WireConnection implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int LARGEST_FRAME = 64 << 20;

    /** What the reader saw. */
    sealed interface Incoming {
        /** One server frame; {@code rsv} as Autobahn numbers the bits (4 is RSV1). */
        record Frame(boolean fin, int rsv, int opcode, byte[] payload) implements Incoming {
        }

        /** The end of the byte stream. */
        record End(Ending how, String detail) implements Incoming {
        }
    }

    /** How the server's byte stream ended. */
    enum Ending {
        /** An orderly TCP close (FIN) between frames. */
        EOF,
        /** A reset. */
        RESET,
        /** A FIN in the middle of a frame. */
        TRUNCATED,
        /** The server sent something that is not a valid server frame (masked, or absurdly long). */
        BAD_FRAME,
        /** This side closed the socket. */
        LOCAL
    }

    /** The server's answer to the opening handshake was not a valid 101. */
    static final class HandshakeException extends IOException {
        private static final long serialVersionUID = 1L;

        HandshakeException(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream raw;
    private final BufferedOutputStream out;
    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    private final @Nullable String extensions;
    private volatile boolean closing;

    private WireConnection(Socket socket, @Nullable String offers) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.raw = socket.getOutputStream();
        this.out = new BufferedOutputStream(raw, 1 << 16);
        this.extensions = handshake(offers);
    }

    /**
     * Connects and performs the opening handshake.
     *
     * @param offers the {@code Sec-WebSocket-Extensions} request value, or null
     * @throws HandshakeException if the response is not a valid 101 for this request
     */
    static WireConnection open(int port, @Nullable String offers, String readerName) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        try {
            socket.setTcpNoDelay(true); // so that every flush leaves as its own segment, as chopped cases intend
            socket.setSoTimeout(10_000); // the handshake only; frames are read by the reader thread without timeout
            WireConnection c = new WireConnection(socket, offers);
            socket.setSoTimeout(0);
            Thread.ofVirtual().name(readerName).start(c::readFrames);
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's {@code Sec-WebSocket-Extensions} value, or null when it agreed to none. */
    @Nullable String extensions() {
        return extensions;
    }

    private @Nullable String handshake(@Nullable String offers) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET /conformance HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (offers != null) {
            request.append("Sec-WebSocket-Extensions: ").append(offers).append("\r\n");
        }
        raw.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        raw.flush();

        String status = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new HandshakeException("malformed header line in the 101 response: " + l);
            }
            headers.merge(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new HandshakeException("expected 101, got: " + status);
        }
        if (!"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
            throw new HandshakeException("Upgrade header is " + headers.get("upgrade"));
        }
        String connection = headers.getOrDefault("connection", "");
        boolean upgradeToken = false;
        for (String token : connection.split(",")) {
            upgradeToken |= token.trim().equalsIgnoreCase("upgrade");
        }
        if (!upgradeToken) {
            throw new HandshakeException("Connection header lacks the upgrade token: " + connection);
        }
        String expected = accept(key);
        if (!expected.equals(headers.get("sec-websocket-accept"))) {
            throw new HandshakeException("Sec-WebSocket-Accept is " + headers.get("sec-websocket-accept")
                    + ", expected " + expected);
        }
        if (headers.containsKey("sec-websocket-protocol")) {
            throw new HandshakeException("a subprotocol was selected though none was offered");
        }
        String agreed = headers.get("sec-websocket-extensions");
        if (agreed != null && offers == null) {
            throw new HandshakeException("extensions agreed though none were offered: " + agreed);
        }
        return agreed;
    }

    /** RFC 6455 §4.2.2: base64 of the SHA-1 of the key and the GUID. */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new HandshakeException("connection closed inside the handshake response: " + b);
            }
            if (c == '\n') {
                if (b.isEmpty() || b.charAt(b.length() - 1) != '\r') {
                    throw new HandshakeException("handshake response line not ended by CRLF: " + b);
                }
                b.setLength(b.length() - 1);
                return b.toString();
            }
            b.append((char) c);
        }
    }

    /**
     * Writes bytes.
     *
     * @param chop  0 for one write, else the size of separate writes, each flushed at once
     * @param flush whether to flush now
     */
    void write(byte[] bytes, int chop, boolean flush) throws IOException {
        if (chop <= 0) {
            out.write(bytes);
            if (flush) {
                out.flush();
            }
            return;
        }
        out.flush();
        for (int i = 0; i < bytes.length; i += chop) {
            raw.write(bytes, i, Math.min(chop, bytes.length - i));
            raw.flush();
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The next item, or null after {@code timeoutNanos}. */
    @Nullable Incoming poll(long timeoutNanos) throws InterruptedException {
        return incoming.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    private void readFrames() {
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    incoming.add(new Incoming.End(Ending.EOF, "TCP closed by the server"));
                    return;
                }
                int b1 = readByte();
                if ((b1 & 0x80) != 0) {
                    incoming.add(new Incoming.End(Ending.BAD_FRAME, "server frame is masked"));
                    return;
                }
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if (length < 0 || length > LARGEST_FRAME) {
                    incoming.add(new Incoming.End(Ending.BAD_FRAME, "server frame of " + length + " bytes"));
                    return;
                }
                byte[] payload = in.readNBytes((int) length);
                if (payload.length != length) {
                    throw new EOFException("TCP closed inside a frame");
                }
                incoming.add(new Incoming.Frame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0x0F, payload));
            }
        } catch (EOFException e) {
            incoming.add(new Incoming.End(Ending.TRUNCATED, e.getMessage()));
        } catch (SocketException e) {
            incoming.add(closing ? new Incoming.End(Ending.LOCAL, "closed by the client")
                    : new Incoming.End(Ending.RESET, String.valueOf(e.getMessage())));
        } catch (IOException e) {
            incoming.add(new Incoming.End(closing ? Ending.LOCAL : Ending.RESET, String.valueOf(e.getMessage())));
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("TCP closed inside a frame header");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        socket.close();
    }
}
