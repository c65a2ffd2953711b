package io.jvicorn.server.websocket.conformance;

import io.jvicorn.server.websocket.conformance.WireConnection.Ending;
import io.jvicorn.server.websocket.conformance.WireConnection.Incoming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.DataFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Runs one case on its own connection, as Autobahn's fuzzing client does: performs the script, records the server's
 * events, checks every frame it sends, and answers or starts the closing handshake; {@link CaseGrader} grades the
 * result.
 */
final class CaseRun {
    /** How long the server has to send its close frame once the client closed or the script ended. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long the server has to close TCP after the close frames were exchanged. */
    static final Duration TCP_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long the server has to fail the connection once the script is done. */
    private static final Duration FAIL_TIMEOUT = Duration.ofSeconds(10);
    private static final int NO_MESSAGE = -1;

    private final Script script;
    private final WireConnection wire;
    private final @Nullable ClientDeflate deflate;
    private final List<Event> received = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private int messageOpcode = NO_MESSAGE;
    private boolean messageCompressed;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();

    private Incoming.@Nullable Frame serverClose;
    private Incoming.@Nullable End end;
    private boolean clientCloseSent;
    private boolean closedByClient;
    private boolean writesStopped;

    private CaseRun(Script script, WireConnection wire, @Nullable ClientDeflate deflate) {
        this.script = script;
        this.wire = wire;
        this.deflate = deflate;
    }

    /** Runs {@code c} against the server on {@code port}. */
    static CaseResult run(ConformanceCase c, int port) {
        long start = System.nanoTime();
        Script script = c.script().get();
        String offers = script.extensionOffers();
        WireConnection wire;
        try {
            wire = WireConnection.open(port, offers, "conformance-reader-" + c.id());
        } catch (IOException e) {
            return new CaseResult(Behavior.FAILED, "opening handshake: " + e.getMessage(), millisSince(start));
        }
        try (wire) {
            ClientDeflate deflate = null;
            String agreed = wire.extensions();
            if (offers != null && agreed != null) {
                try {
                    deflate = ClientDeflate.agree(offers, agreed);
                } catch (IllegalArgumentException e) {
                    return new CaseResult(Behavior.FAILED, "extension negotiation: " + e.getMessage(),
                            millisSince(start));
                }
            }
            try {
                CaseRun run = new CaseRun(script, wire, deflate);
                run.execute();
                return CaseGrader.grade(script.expectation(), run.observation(offers), millisSince(start));
            } finally {
                if (deflate != null) {
                    deflate.close();
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new CaseResult(Behavior.FAILED, "client error: " + e, millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    // ------------------------------------------------------------------ the script

    private void execute() throws InterruptedException {
        for (Step step : script.steps()) {
            drainAvailable();
            boolean goOn = switch (step) {
                case Step.Write w -> {
                    write(w.bytes(), w.chop(), w.flush(), w.startsClose());
                    yield true;
                }
                case Step.SendMessage m -> {
                    sendMessage(m);
                    yield true;
                }
                case Step.AwaitEvents a -> awaitEvents(a.count());
                case Step.Pause p -> pause(p);
            };
            if (!goOn) {
                break;
            }
        }
        flush();
        closingHandshake();
    }

    private void write(byte[] bytes, int chop, boolean flush, boolean startsClose) {
        if (writesStopped || end != null) {
            return; // the server has gone; the rest of the script's bytes have nowhere to go
        }
        if (startsClose) {
            closedByClient |= serverClose == null;
            clientCloseSent = true;
        }
        try {
            wire.write(bytes, chop, flush);
        } catch (IOException e) {
            writesStopped = true;
            notes.add("write failed: " + e.getMessage());
        }
    }

    private void sendMessage(Step.SendMessage m) {
        ClientDeflate z = deflate;
        byte[] payload = z == null ? m.payload() : z.compress(m.payload());
        int rsv = z == null ? 0 : 4;
        int opcode = m.binary() ? ClientFrames.BINARY : ClientFrames.TEXT;
        int size = m.autoFragment() > 0 ? m.autoFragment() : Math.max(1, payload.length);
        int at = 0;
        do {
            int n = Math.min(size, payload.length - at);
            byte[] part = new byte[n];
            System.arraycopy(payload, at, part, 0, n);
            at += n;
            write(ClientFrames.frame(at == payload.length, rsv, opcode, part), 0, at == payload.length, false);
            opcode = ClientFrames.CONTINUATION;
            rsv = 0;
        } while (at < payload.length);
    }

    private boolean awaitEvents(int count) throws InterruptedException {
        flush();
        boolean arrived = awaitUntil(() -> received.size() >= count, script.eventTimeout());
        if (!arrived && !serverClosing()) {
            notes.add("timed out after " + script.eventTimeout().toSeconds() + " s waiting for event " + count);
        }
        return arrived && !serverClosing();
    }

    private boolean pause(Step.Pause p) throws InterruptedException {
        flush();
        awaitUntil(this::serverClosing, p.duration());
        if (serverClosing()) {
            return false;
        }
        received.add(Event.timeout(p.tag()));
        return true;
    }

    private void flush() {
        if (writesStopped || end != null) {
            return;
        }
        try {
            wire.flush();
        } catch (IOException e) {
            writesStopped = true;
            notes.add("flush failed: " + e.getMessage());
        }
    }

    /**
     * Autobahn's ending: close once the expected events are in, or wait for the server to fail the connection. The
     * server handles frames in order, so anything it still owed the client arrives before the answer to this close.
     */
    private void closingHandshake() throws InterruptedException {
        CloseRule rule = script.expectation().close();
        if (!clientCloseSent && !serverClosing()) {
            if (rule.clientCloses()) {
                awaitUntil(() -> received.size() >= mostExpected() || serverClosing(), script.eventTimeout());
                if (!serverClosing()) {
                    write(ClientFrames.frame(true, ClientFrames.CLOSE, ClientFrames.closePayload(1000, new byte[0])),
                            0, true, true);
                }
            } else {
                awaitUntil(this::serverClosing, FAIL_TIMEOUT);
            }
        }
        awaitUntil(() -> serverClose != null || end != null, CLOSE_TIMEOUT);
        Incoming.Frame close = serverClose;
        if (close != null && !clientCloseSent && end == null) {
            // RFC 6455 §5.5.1: answer the server's close, echoing its code.
            int code = CaseGrader.closeCode(close);
            byte[] payload = code == CloseRule.EMPTY || !CloseRule.sendable(code) ? new byte[0]
                    : ClientFrames.closePayload(code, new byte[0]);
            write(ClientFrames.frame(true, ClientFrames.CLOSE, payload), 0, true, false);
            clientCloseSent = true;
        }
        awaitUntil(() -> end != null, TCP_CLOSE_TIMEOUT);
    }

    /** Once this many events arrived, waiting longer cannot make them match an expectation. */
    private int mostExpected() {
        int most = 0;
        for (List<Event> expected : script.expectation().events().values()) {
            most = Math.max(most, expected.size());
        }
        return most;
    }

    private boolean serverClosing() {
        return serverClose != null || end != null;
    }

    private boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (end != null) {
                return false; // nothing more can arrive
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Incoming item = wire.poll(left);
            if (item != null) {
                handle(item);
            }
        }
        return true;
    }

    private void drainAvailable() throws InterruptedException {
        Incoming item;
        while (end == null && (item = wire.poll(0)) != null) {
            handle(item);
        }
    }

    private Observation observation(@Nullable String offers) {
        ClientDeflate z = deflate;
        return new Observation(List.copyOf(received), List.copyOf(violations), List.copyOf(notes), serverClose, end,
                clientCloseSent, closedByClient, offers, z == null ? null : z.agreement());
    }

    // ------------------------------------------------------------------ what the server sends

    private void handle(Incoming item) {
        switch (item) {
            case Incoming.End e -> {
                if (end == null) {
                    end = e;
                    if (e.how() == Ending.BAD_FRAME || e.how() == Ending.TRUNCATED) {
                        violations.add(e.detail());
                    }
                }
            }
            case Incoming.Frame f -> frame(f);
        }
    }

    private void frame(Incoming.Frame f) {
        if (serverClose != null) {
            violations.add("frame with opcode " + f.opcode() + " after the server's close frame");
            return;
        }
        boolean rsv1 = (f.rsv() & 4) != 0;
        if ((f.rsv() & 3) != 0) {
            violations.add("server frame with RSV2/RSV3 set");
        }
        if (rsv1 && (deflate == null || (f.opcode() != ClientFrames.TEXT && f.opcode() != ClientFrames.BINARY))) {
            violations.add("server frame with RSV1 set, opcode " + f.opcode()
                    + (deflate == null ? ", without permessage-deflate" : ""));
        }
        if (f.opcode() >= 8) {
            control(f);
            return;
        }
        switch (f.opcode()) {
            case ClientFrames.TEXT, ClientFrames.BINARY -> {
                if (messageOpcode != NO_MESSAGE) {
                    violations.add("server started a message inside a fragmented one");
                }
                messageOpcode = f.opcode();
                messageCompressed = rsv1;
                message.reset();
            }
            case ClientFrames.CONTINUATION -> {
                if (messageOpcode == NO_MESSAGE) {
                    violations.add("server sent a continuation frame with no message to continue");
                    return;
                }
            }
            default -> {
                violations.add("server frame with reserved opcode " + f.opcode());
                return;
            }
        }
        message.writeBytes(f.payload());
        if (f.fin()) {
            completeMessage();
        }
    }

    private void completeMessage() {
        boolean binary = messageOpcode == ClientFrames.BINARY;
        byte[] bytes = message.toByteArray();
        message.reset();
        messageOpcode = NO_MESSAGE;
        ClientDeflate z = deflate;
        if (messageCompressed && z != null) {
            try {
                bytes = z.decompress(bytes);
            } catch (DataFormatException e) {
                violations.add("server message does not inflate: " + e.getMessage());
                return;
            }
        }
        if (!binary && !validUtf8(bytes)) {
            violations.add("server text message is not valid UTF-8");
        }
        received.add(Event.message(binary, bytes));
    }

    private void control(Incoming.Frame f) {
        if (!f.fin() || f.payload().length > 125) {
            violations.add("server control frame " + f.opcode() + " fragmented or longer than 125 bytes");
        }
        switch (f.opcode()) {
            case ClientFrames.CLOSE -> {
                byte[] p = f.payload();
                if (p.length == 1) {
                    violations.add("server close frame with a 1-byte payload");
                } else if (p.length >= 2) {
                    int code = CaseGrader.closeCode(f);
                    if (!CloseRule.sendable(code)) {
                        violations.add("server close code " + code + " may not be sent");
                    }
                    if (!validUtf8(ByteBuffer.wrap(p, 2, p.length - 2))) {
                        violations.add("server close reason is not valid UTF-8");
                    }
                }
                serverClose = f;
            }
            case ClientFrames.PING -> {
                received.add(Event.ping(f.payload()));
                write(ClientFrames.pong(f.payload()), 0, true, false);
            }
            case ClientFrames.PONG -> received.add(Event.pong(f.payload()));
            default -> violations.add("server frame with reserved opcode " + f.opcode());
        }
    }

    private static boolean validUtf8(byte[] bytes) {
        return validUtf8(ByteBuffer.wrap(bytes));
    }

    private static boolean validUtf8(ByteBuffer bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
