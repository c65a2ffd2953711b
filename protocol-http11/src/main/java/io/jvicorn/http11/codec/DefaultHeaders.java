package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpDate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The headers the server adds to every response: {@code server: jvicorn}, {@code date}, and extra configured ones,
 * encoded once. Shared by all connections; the date is refreshed once a second and published through a volatile field.
 *
 * <p>An extra header named Server (any case) replaces the default server header, and one named Date replaces the
 * default date. When a response's own headers name server or date, the default of that name is left out.
 */
public final class DefaultHeaders {
    private static final String SERVER = "jvicorn";

    /** One second's date, as text and as an encoded field line. */
    private record DateLine(long epochSecond, String text, byte[] line) {
    }

    private final List<Header> serverHeaders;
    private final List<Header> otherHeaders;
    private final byte[] serverLines;
    private final byte[] otherLines;
    private final boolean dynamicDate;
    private volatile DateLine date;

    private DefaultHeaders(List<Header> serverHeaders, boolean dynamicDate, List<Header> otherHeaders) {
        this.serverHeaders = List.copyOf(serverHeaders);
        this.otherHeaders = List.copyOf(otherHeaders);
        this.serverLines = encode(serverHeaders);
        this.otherLines = encode(otherHeaders);
        this.dynamicDate = dynamicDate;
        this.date = dateLine(System.currentTimeMillis());
    }

    /**
     * Builds the default headers.
     *
     * @param serverHeader whether to send {@code server: jvicorn} (unless an extra Server header replaces it)
     * @param dateHeader   whether to send the current date (unless an extra Date header replaces it)
     * @param extra        further headers for every response, in order
     * @return the encoded defaults
     */
    public static DefaultHeaders create(boolean serverHeader, boolean dateHeader, List<Header> extra) {
        List<Header> servers = new ArrayList<>();
        List<Header> others = new ArrayList<>();
        boolean extraDate = false;
        for (Header h : extra) {
            if (h.is("server")) {
                servers.add(h);
            } else {
                extraDate |= h.is("date");
                others.add(h);
            }
        }
        if (servers.isEmpty() && serverHeader) {
            servers.add(new Header("server", SERVER));
        }
        return new DefaultHeaders(servers, dateHeader && !extraDate, others);
    }

    /**
     * Re-encodes the date; called once a second by the server, from any thread.
     *
     * @param epochMillis the current time
     */
    public void refreshDate(long epochMillis) {
        if (Math.floorDiv(epochMillis, 1000) != date.epochSecond) {
            date = dateLine(epochMillis);
        }
    }

    /**
     * The current date as an RFC 9110 IMF-fixdate.
     *
     * @return e.g. "Sun, 06 Nov 1994 08:49:37 GMT"
     */
    public String date() {
        return date.text;
    }

    /**
     * The default headers as a list, with the current date (for writers other than {@link ResponseEncoder}).
     *
     * @return server headers, date, then the other extra headers
     */
    public List<Header> headers() {
        List<Header> all = new ArrayList<>(serverHeaders);
        if (dynamicDate) {
            all.add(new Header("date", date.text));
        }
        all.addAll(otherHeaders);
        return all;
    }

    /**
     * Writes the default field lines.
     *
     * @param out        where to write
     * @param withServer false when the response names its own server header
     * @param withDate   false when the response names its own date header
     */
    public void writeTo(OutputBuffer out, boolean withServer, boolean withDate) {
        if (withServer) {
            out.write(serverLines);
        }
        if (withDate && dynamicDate) {
            out.write(date.line);
        }
        if (withDate || otherHeaders.isEmpty()) {
            out.write(otherLines);
        } else {
            // The response's own date replaces an extra Date header too.
            for (Header h : otherHeaders) {
                if (!h.is("date")) {
                    out.writeField(h.name(), h.value());
                }
            }
        }
    }

    private static byte[] encode(List<Header> headers) {
        OutputBuffer out = new OutputBuffer();
        for (Header h : headers) {
            out.writeField(h.name(), h.value());
        }
        return out.toByteArray();
    }

    private static DateLine dateLine(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        String text = HttpDate.format(second);
        return new DateLine(second, text, ("date: " + text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
}
