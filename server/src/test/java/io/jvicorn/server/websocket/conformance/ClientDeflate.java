package io.jvicorn.server.websocket.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * The client's half of permessage-deflate (RFC 7692): checks the server's response against the offers (§7.1), then
 * compresses outgoing messages and inflates the server's as the agreement says.
 *
 * <p>{@link Deflater} always uses a 15-bit window; when the client promised a smaller one it compresses with
 * {@link Deflater#HUFFMAN_ONLY}, which has no back-references and so fits any window.
 */
final class ClientDeflate implements AutoCloseable {
    static final String NAME = "permessage-deflate";
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    /** One element of a {@code Sec-WebSocket-Extensions} list. */
    record Extension(String name, Map<String, @Nullable String> params) {
    }

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final String agreement;

    private ClientDeflate(String agreement, boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                          int clientWindowBits) {
        this.agreement = agreement;
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
        if (clientWindowBits < 15) {
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
        }
    }

    /**
     * Validates the server's agreement.
     *
     * @param offers   what the client sent
     * @param response the server's {@code Sec-WebSocket-Extensions} value
     * @return the client's side of the agreement
     * @throws IllegalArgumentException naming the rule the response breaks
     */
    static ClientDeflate agree(String offers, String response) {
        List<Extension> agreed = parse(response);
        if (agreed.size() != 1 || !agreed.getFirst().name().equals(NAME)) {
            throw new IllegalArgumentException("the response must accept exactly one permessage-deflate offer: "
                    + response);
        }
        Map<String, @Nullable String> r = agreed.getFirst().params();
        for (Map.Entry<String, @Nullable String> p : r.entrySet()) {
            switch (p.getKey()) {
                case "server_no_context_takeover", "client_no_context_takeover" -> {
                    if (p.getValue() != null) {
                        throw new IllegalArgumentException(p.getKey() + " must not have a value: " + response);
                    }
                }
                case "server_max_window_bits", "client_max_window_bits" -> {
                    if (bits(p.getValue()) < 0) {
                        throw new IllegalArgumentException(p.getKey() + " needs a value of 8 to 15: " + response);
                    }
                }
                default -> throw new IllegalArgumentException("unknown parameter " + p.getKey() + ": " + response);
            }
        }
        List<String> reasons = new ArrayList<>();
        for (Extension offer : parse(offers)) {
            if (offer.name().equals(NAME)) {
                String mismatch = mismatch(offer.params(), r);
                if (mismatch == null) {
                    Map<String, @Nullable String> o = offer.params();
                    int window = 15;
                    if (r.containsKey("client_max_window_bits")) {
                        window = bits(r.get("client_max_window_bits"));
                    }
                    if (o.get("client_max_window_bits") != null) {
                        window = Math.min(window, bits(o.get("client_max_window_bits")));
                    }
                    return new ClientDeflate(response, r.containsKey("server_no_context_takeover"),
                            r.containsKey("client_no_context_takeover") || o.containsKey("client_no_context_takeover"),
                            window);
                }
                reasons.add(mismatch);
            }
        }
        throw new IllegalArgumentException("the response fits no offer (" + String.join("; ", reasons) + "): "
                + response);
    }

    /** Why the response cannot accept this offer, or null if it can. */
    private static @Nullable String mismatch(Map<String, @Nullable String> offer, Map<String, @Nullable String> r) {
        if (offer.containsKey("server_no_context_takeover") && !r.containsKey("server_no_context_takeover")) {
            return "server_no_context_takeover was requested but not confirmed (§7.1.1.1)";
        }
        if (offer.containsKey("server_max_window_bits")) {
            int asked = bits(offer.get("server_max_window_bits"));
            if (!r.containsKey("server_max_window_bits") || bits(r.get("server_max_window_bits")) > asked) {
                return "server_max_window_bits=" + asked + " needs the same or a smaller value back (§7.1.2.1)";
            }
        }
        if (r.containsKey("client_max_window_bits")) {
            if (!offer.containsKey("client_max_window_bits")) {
                return "client_max_window_bits answered though not offered (§7.1.2.2)";
            }
            String hint = offer.get("client_max_window_bits");
            if (hint != null && bits(r.get("client_max_window_bits")) > bits(hint)) {
                return "client_max_window_bits larger than the client's own limit";
            }
        }
        return null;
    }

    private static int bits(@Nullable String value) {
        return value != null && value.matches("[89]|1[0-5]") ? Integer.parseInt(value) : -1;
    }

    /**
     * Parses an extension list: {@code name; param; param=value, name...}, values possibly quoted.
     *
     * @throws IllegalArgumentException on a repeated parameter or an empty name
     */
    static List<Extension> parse(String header) {
        List<Extension> out = new ArrayList<>();
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty extension name in " + header);
            }
            Map<String, @Nullable String> params = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? null : p.substring(eq + 1).trim();
                if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (params.containsKey(key)) {
                    throw new IllegalArgumentException("parameter " + key + " repeated in " + header);
                }
                params.put(key, value);
            }
            out.add(new Extension(name, params));
        }
        return out;
    }

    /** The agreed response, for reports. */
    String agreement() {
        return agreement;
    }

    boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** Compresses one message (§7.2.1): a sync flush, without the trailing {@code 00 00 FF FF}. */
    byte[] compress(byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] chunk = new byte[1 << 16];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length || !deflater.needsInput());
        if (clientNoContextTakeover) {
            deflater.reset();
        }
        byte[] all = out.toByteArray();
        if (all.length == 0) {
            // zlib emits nothing for a sync flush right after another with no input in between: an empty message
            // while the window is kept. A lone empty stored block (0x00 once the tail is removed) stands for it.
            return new byte[1];
        }
        if (!endsWithTail(all)) {
            throw new IllegalStateException("a sync flush must end with 00 00 FF FF");
        }
        return Arrays.copyOf(all, all.length - TAIL.length);
    }

    private static boolean endsWithTail(byte[] b) {
        return b.length >= 4 && Arrays.equals(b, b.length - 4, b.length, TAIL, 0, 4);
    }

    /**
     * Inflates one message from the server (§7.2.2). With server_no_context_takeover the inflater starts afresh for
     * every message, so a server that kept its window anyway produces references this inflater cannot resolve.
     *
     * @throws DataFormatException if the payload is not valid for the agreement
     */
    byte[] decompress(byte[] payload) throws DataFormatException {
        if (serverNoContextTakeover || inflater.finished()) {
            inflater.reset();
        }
        byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 + 64);
        byte[] chunk = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(chunk);
            out.write(chunk, 0, n);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
        }
        if (inflater.needsDictionary()) {
            throw new DataFormatException("the server's data asks for a preset dictionary");
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
