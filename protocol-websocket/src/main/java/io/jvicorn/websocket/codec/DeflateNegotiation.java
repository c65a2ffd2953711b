package io.jvicorn.websocket.codec;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the first permessage-deflate offer this server can honour (RFC 7692 §5 and §7.1).
 *
 * <p>{@link java.util.zip.Deflater} always compresses with a 15-bit window, so an offer that requires
 * {@code server_max_window_bits} below 15 is accepted with Huffman-only compression, which refers to no earlier
 * bytes and so keeps to any window (see {@link DeflateAgreement#huffmanOnly()}). Inflating accepts any window,
 * so {@code client_max_window_bits} is accepted with or without a value and left out of the response, which lets the
 * client use the window it wants.
 */
final class DeflateNegotiation {

    private DeflateNegotiation() {
    }

    /**
     * @param offers every offer from the request, in order
     * @return the agreement for the first acceptable permessage-deflate offer, or null if none is
     */
    static @Nullable DeflateAgreement select(List<ExtensionOffer> offers) {
        for (ExtensionOffer offer : offers) {
            if (offer.name().equalsIgnoreCase(DeflateAgreement.EXTENSION_NAME)) {
                DeflateAgreement agreement = accept(offer);
                if (agreement != null) {
                    return agreement;
                }
            }
        }
        return null;
    }

    private static @Nullable DeflateAgreement accept(ExtensionOffer offer) {
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverMaxWindowBits = 0;
        Set<String> seen = new HashSet<>();
        for (ExtensionOffer.Parameter parameter : offer.parameters()) {
            String name = parameter.name().toLowerCase(Locale.ROOT);
            String value = parameter.value();
            if (!seen.add(name)) {
                return null; // §7: a parameter may appear once
            }
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    serverNoContextTakeover = true;
                }
                case "client_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    clientNoContextTakeover = true;
                }
                case "server_max_window_bits" -> {
                    if (value == null || windowBits(value) < 0) {
                        return null; // §7.1.2.1: the value is required
                    }
                    serverMaxWindowBits = windowBits(value);
                }
                case "client_max_window_bits" -> {
                    if (value != null && windowBits(value) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new DeflateAgreement(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits);
    }

    /** 8 to 15 written without leading zeroes (§7.1.2), or -1. */
    private static int windowBits(String value) {
        return value.matches("[89]|1[0-5]") ? Integer.parseInt(value) : -1;
    }
}
