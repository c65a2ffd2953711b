package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.CONTINUATION;
import static io.jvicorn.server.websocket.conformance.ClientFrames.TEXT;
import static io.jvicorn.server.websocket.conformance.ClientFrames.frame;
import static io.jvicorn.server.websocket.conformance.ClientFrames.hex;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/**
 * Sections 12 and 13: permessage-deflate (RFC 7692). Section 12 echoes slices of five kinds of data with the default
 * offer; section 13 uses Autobahn's seven offers. Each setting sends its messages one at a time, each after the
 * previous echo, auto-fragmenting the compressed payload where the setting says. This suite adds cases for empty and
 * corrupt compressed messages, RSV1 misuse, BFINAL blocks, client-side parameters and offers that must be declined.
 *
 * <p>Autobahn sends 1000 messages per setting; by default this suite sends up to {@link #DEFAULT_BYTES} per setting
 * (at least 8 and at most 500 messages), and 1000 with {@code -Djvicorn.conformance.full=true}.
 */
final class CompressionCases {
    private static final int DEFAULT_BYTES = 512 * 1024;
    private static final String DEFAULT_OFFER = "permessage-deflate; client_max_window_bits";

    /** (message size, auto-fragment size) of Autobahn's 18 settings per subsection. */
    private static final int[][] SETTINGS = {
        {16, 0}, {64, 0}, {256, 0}, {1024, 0}, {4096, 0}, {8192, 0}, {16384, 0}, {32768, 0}, {65536, 0}, {131072, 0},
        {8192, 256}, {16384, 256}, {32768, 256}, {65536, 256}, {131072, 256}, {131072, 1024}, {131072, 4096},
        {131072, 32768},
    };

    /** Autobahn's client offers of 13.1 to 13.7. */
    private static final String[] OFFERS = {
        DEFAULT_OFFER,
        DEFAULT_OFFER + "; server_no_context_takeover",
        DEFAULT_OFFER + "; server_max_window_bits=8",
        DEFAULT_OFFER + "; server_max_window_bits=15",
        DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=8",
        DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=15",
        DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=8, "
                + DEFAULT_OFFER + "; server_no_context_takeover, " + DEFAULT_OFFER,
    };

    private CompressionCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (int c = 0; c < Corpora.ALL.size(); c++) {
            Corpora.Corpus corpus = Corpora.ALL.get(c);
            for (int s = 0; s < SETTINGS.length; s++) {
                int size = SETTINGS[s][0];
                int fragment = SETTINGS[s][1];
                cases.add(ConformanceCase.of("12." + (c + 1) + "." + (s + 1), corpus.description() + ": "
                        + count(size) + " compressed messages of " + size + " octets, auto-fragment " + fragment
                        + ", default offer", () -> echoes(DEFAULT_OFFER, corpus, size, fragment)));
            }
        }
        for (int o = 0; o < OFFERS.length; o++) {
            String offer = OFFERS[o];
            for (int s = 0; s < SETTINGS.length; s++) {
                int size = SETTINGS[s][0];
                int fragment = SETTINGS[s][1];
                cases.add(ConformanceCase.of("13." + (o + 1) + "." + (s + 1), count(size) + " compressed JSON messages"
                        + " of " + size + " octets, auto-fragment " + fragment + ", offer: " + offer,
                        () -> echoes(offer, Corpora.JSON, size, fragment)));
            }
        }
        addMessageCases(cases);
        addOfferCases(cases);
        return cases;
    }

    static int count(int size) {
        return ConformanceOptions.full() ? 1000 : Math.max(8, Math.min(500, DEFAULT_BYTES / size));
    }

    private static Script echoes(String offer, Corpora.Corpus corpus, int size, int fragment) {
        Script.Builder b = Script.builder().offer(offer).requiresDeflate();
        List<Event> echoes = new ArrayList<>();
        int n = count(size);
        for (int i = 0; i < n; i++) {
            byte[] message = corpus.slice((long) i * size, size);
            b.sendMessage(corpus.binary(), message, fragment).awaitEvents(i + 1);
            echoes.add(Event.message(corpus.binary(), message));
        }
        return b.expect(Behavior.OK, echoes).build();
    }

    /** Messages of several kinds, each sent after the previous echo. */
    private static Script mixed(String offer) {
        Script.Builder b = Script.builder().offer(offer).requiresDeflate();
        List<Event> echoes = new ArrayList<>();
        byte[] random = new byte[3000];
        new SplittableRandom(7).nextBytes(random);
        Object[][] messages = {
            {false, utf8("Gr\u00FC\u00DFe aus K\u00F6ln \u2014 \u2713 \uD834\uDD1E ".repeat(200))},
            {true, random},
            {false, Corpora.JSON.slice(0, 5000)},
            {false, Corpora.JSON.slice(0, 5000)}, // the same again: context takeover would make it tiny
            {true, Corpora.BITMAP.slice(70_000, 20_000)},
            {false, new byte[0]},
        };
        for (int i = 0; i < messages.length; i++) {
            boolean binary = (Boolean) messages[i][0];
            byte[] payload = (byte[]) messages[i][1];
            b.sendMessage(binary, payload, 0).awaitEvents(i + 1);
            echoes.add(Event.message(binary, payload));
        }
        return b.expect(Behavior.OK, echoes).build();
    }

    private static void addMessageCases(List<ConformanceCase> cases) {
        cases.add(ConformanceCase.of("12.x.1", "Compressed text message with an empty payload (RSV1, 0 octets)",
                () -> Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                        .send(frame(true, 4, TEXT, new byte[0])).expect(Behavior.OK, Event.text("")).build()));
        cases.add(ConformanceCase.of("12.x.2", "Compressed text message holding only an empty block (single 0x00,"
                + " RFC 7692 §7.2.3.6)",
                () -> Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                        .send(frame(true, 4, TEXT, new byte[1])).expect(Behavior.OK, Event.text("")).build()));
        cases.add(ConformanceCase.of("12.x.3", "Compressed text message that inflates to invalid UTF-8 fails with"
                + " 1007", () -> Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                        .send(frame(true, 4, TEXT, rawDeflate(hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64"))))
                        .serverFails(1007).build()));
        cases.add(ConformanceCase.of("12.x.4", "Compressed message with corrupt DEFLATE data (reserved block type)"
                + " fails", () -> Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                        .send(frame(true, 4, ClientFrames.BINARY, hex("ff ff ff ff ff ff"))).serverFails(1002, 1007)
                        .build()));
        cases.add(ConformanceCase.of("12.x.5", "RSV1 on a continuation frame fails with 1002",
                () -> Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                        .send(frame(false, 4, TEXT, rawDeflate(utf8("part one, "))))
                        .send(frame(true, 4, CONTINUATION, new byte[] {0x00})).serverFails(1002).build()));
        cases.add(ConformanceCase.of("12.x.6", "RSV1 on a ping fails with 1002",
                () -> Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                        .send(frame(true, 4, ClientFrames.PING, utf8("compressed?"))).serverFails(1002).build()));
        cases.add(ConformanceCase.of("12.x.7", "Uncompressed message (RSV1 clear) on a compressing connection is"
                + " echoed", () -> Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                        .send(ClientFrames.text("not compressed")).expect(Behavior.OK, Event.text("not compressed"))
                        .build()));
        cases.add(ConformanceCase.of("12.x.8", "A message compressed as a final block (BFINAL = 1), then a normal "
                + "one: the server starts a new stream for the second", () -> {
                    byte[] first = utf8("ended with a final block ".repeat(20));
                    byte[] second = utf8("a new stream after it ".repeat(20));
                    return Script.builder().offer(DEFAULT_OFFER).requiresDeflate()
                            .send(frame(true, 4, TEXT, finalBlock(first))).awaitEvents(1)
                            .sendMessage(false, second, 0)
                            .expect(Behavior.OK, Event.text(first), Event.text(second)).build();
                }));
        cases.add(ConformanceCase.of("12.x.9", "Compressed multi-byte UTF-8 text in 1-octet frames",
                () -> {
                    byte[] text = utf8("\u03BA\u1F79\u03C3\u03BC\u03B5 \uD834\uDD1E \u00E4\u00F6\u00FC ".repeat(30));
                    return Script.builder().offer(DEFAULT_OFFER).requiresDeflate().sendMessage(false, text, 1)
                            .expect(Behavior.OK, Event.text(text)).build();
                }));
    }

    private static void addOfferCases(List<ConformanceCase> cases) {
        cases.add(ConformanceCase.of("13.x.1", "Offer client_no_context_takeover: the client resets its compressor "
                + "for every message", () -> mixed("permessage-deflate; client_no_context_takeover")));
        cases.add(ConformanceCase.of("13.x.2", "Offer client_max_window_bits=9: the client keeps to a 512-byte "
                + "window", () -> mixed("permessage-deflate; client_max_window_bits=9")));
        cases.add(ConformanceCase.of("13.x.3", "Offer no context takeover both ways; each echo must inflate with a "
                + "fresh window", () -> mixed("permessage-deflate; server_no_context_takeover; "
                + "client_no_context_takeover")));
        cases.add(ConformanceCase.of("13.x.4", "Fallback: the first offer (server_max_window_bits=8) is declined, "
                + "the plain second one accepted", () -> mixed("permessage-deflate; server_max_window_bits=8, "
                + "permessage-deflate")));
        cases.add(ConformanceCase.of("13.x.5", "An offer with an unknown parameter must be declined",
                () -> declined("permessage-deflate; foo=bar")));
        cases.add(ConformanceCase.of("13.x.6", "An offer with server_max_window_bits=16 must be declined",
                () -> declined("permessage-deflate; server_max_window_bits=16")));
        cases.add(ConformanceCase.of("13.x.7", "An offer repeating a parameter must be declined",
                () -> declined("permessage-deflate; server_no_context_takeover; server_no_context_takeover")));
        cases.add(ConformanceCase.of("13.x.8", "An unknown extension is not agreed to",
                () -> declined("x-webkit-deflate-frame")));
    }

    private static Script declined(String offer) {
        return Script.builder().offer(offer).mustDecline().send(ClientFrames.text("plain"))
                .expect(Behavior.OK, Event.text("plain")).build();
    }

    /** One message compressed on its own with a sync flush, the 00 00 FF FF tail removed. */
    private static byte[] rawDeflate(byte[] message) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(message);
            byte[] out = new byte[message.length + 64];
            int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            return Arrays.copyOf(out, n - 4);
        } finally {
            d.end();
        }
    }

    /** One message compressed as a complete DEFLATE stream, its last block marked final (BFINAL = 1). */
    private static byte[] finalBlock(byte[] message) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(message);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (!d.finished()) {
                out.write(chunk, 0, d.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
