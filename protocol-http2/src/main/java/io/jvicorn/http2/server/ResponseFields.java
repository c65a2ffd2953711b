package io.jvicorn.http2.server;

import io.jvicorn.asgi.Header;
import io.jvicorn.http11.codec.DefaultHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An application's response fields as HTTP/2 sends them (RFC 9113 §8.2): names in lowercase, the connection-specific
 * fields HTTP/2 forbids (Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding, Upgrade) left out, since an
 * application written for HTTP/1.1 may set them and they mean nothing here, and the server's default fields (server,
 * date, {@code --header}s) added unless the application set its own.
 */
final class ResponseFields {
    private ResponseFields() {
    }

    /** Whether HTTP/2 forbids the field in a message (lowercase name). */
    static boolean connectionSpecific(String name) {
        return switch (name) {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> true;
            default -> false;
        };
    }

    /**
     * The fields to send.
     *
     * @param app      the application's fields
     * @param defaults the server's default fields, or null for none (trailers)
     * @return lowercase names, none connection-specific
     */
    static List<Header> of(List<Header> app, DefaultHeaders defaults) {
        List<Header> out = new ArrayList<>(app.size() + 3);
        boolean server = false;
        boolean date = false;
        for (Header h : app) {
            String name = lower(h.name());
            if (connectionSpecific(name)) {
                continue;
            }
            server |= name.equals("server");
            date |= name.equals("date");
            out.add(name == h.name() ? h : new Header(name, h.value()));
        }
        for (Header h : defaults.headers()) {
            String name = lower(h.name());
            if (!(server && name.equals("server")) && !(date && name.equals("date"))) {
                out.add(name == h.name() ? h : new Header(name, h.value()));
            }
        }
        return out;
    }

    /** Trailer fields: lowercase, nothing connection-specific. */
    static List<Header> trailers(List<Header> app) {
        List<Header> out = new ArrayList<>(app.size());
        for (Header h : app) {
            String name = lower(h.name());
            if (!connectionSpecific(name)) {
                out.add(name == h.name() ? h : new Header(name, h.value()));
            }
        }
        return out;
    }

    private static String lower(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }
}
