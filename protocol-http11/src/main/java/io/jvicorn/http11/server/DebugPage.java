package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.http11.proxy.AddressText;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --debug} page (Werkzeug's and Starlette's debug response): what failed, for the developer on this
 * machine. Shown in place of the plain 500 when the application throws before its response started, and only to a
 * client whose connection comes from a loopback address and whose scope's client (after proxy headers) is a loopback
 * address too, so that neither a proxy on this machine nor a forged {@code X-Forwarded-For} shows it to others.
 *
 * <p>The page holds the exception chain (each exception with its stack, the application's frames marked, and the
 * source lines around a frame's line where {@link SourceLines} finds them), the request line and the request headers.
 * Every piece of text is HTML-escaped: exception messages and headers come from the client, and source files may hold
 * anything.
 */
final class DebugPage {
    /** Content type of the page. */
    static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** Frames shown per exception; a stack overflow has thousands. */
    static final int MAX_FRAMES = 200;
    /** Causes followed; a chain longer than this is cut. */
    static final int MAX_CAUSES = 20;
    /** Source excerpts per page: the first frames of each exception are the ones worth reading. */
    static final int MAX_EXCERPTS = 40;

    /** Classes of the server itself, not the application's (frames elsewhere, outside the JDK, are marked). */
    private static final List<String> SERVER_PACKAGES = List.of("io.jvicorn.asgi.", "io.jvicorn.engine.",
            "io.jvicorn.http11.", "io.jvicorn.http2.", "io.jvicorn.websocket.", "io.jvicorn.lifespan.",
            "io.jvicorn.server.", "io.jvicorn.cli.");
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222}"
            + "h1{color:#b00;font-size:1.5em;margin-bottom:0}p.message{font-size:1.2em;white-space:pre-wrap}"
            + "p.note{color:#666}h3{font-family:monospace;font-size:1em;white-space:pre-wrap}"
            + "ol.frames{font-family:monospace;font-size:.9em;color:#777}li.app{color:#000;font-weight:bold}"
            + "li.app::marker{content:'\\25B6  '}pre{background:#f4f4f4;padding:.5em}"
            + "pre.source{margin:.2em 0 .6em 0;padding:.3em .5em;color:#333;font-weight:normal;overflow-x:auto}"
            + "pre.source span.n{color:#999;user-select:none}pre.source span.here{background:#fde2e2;display:block}"
            + "table{border-collapse:collapse;font-family:monospace}th,td{text-align:left;vertical-align:top;"
            + "padding:.2em 1em .2em 0;border-bottom:1px solid #ddd}th{white-space:nowrap}td{word-break:break-all}";

    private DebugPage() {
    }

    /**
     * Whether a request may see the page.
     *
     * @param peer   the connection's remote address, as the socket reports it
     * @param client the scope's client, after proxy headers; null when unknown
     * @return true only for a loopback TCP peer whose scope client is a loopback address as well
     */
    static boolean shownTo(@Nullable SocketAddress peer, @Nullable Address client) {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress()
                && client != null && AddressText.isLoopback(client.host());
    }

    /**
     * The page.
     *
     * @param failure what the application threw
     * @param scope   the request
     * @param sources where to find frames' source lines, or null to show none
     * @param mayRead whether {@code sources} may read files now (false on a selector loop)
     * @return the HTML document, UTF-8
     */
    static byte[] render(Throwable failure, HttpScope scope, @Nullable SourceLines sources, boolean mayRead) {
        StringBuilder html = new StringBuilder(8192);
        String summary = failure.getClass().getName() + (failure.getMessage() != null ? ": " + failure.getMessage() : "");
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>500 ")
                .append(escape(summary)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(failure.getClass().getName())).append("</h1>\n");
        if (failure.getMessage() != null) {
            html.append("<p class=\"message\">").append(escape(failure.getMessage())).append("</p>\n");
        }
        html.append("<p class=\"note\">jvicorn --debug: this page is shown to clients on this machine only; others "
                + "get a plain 500. Do not run --debug in production.</p>\n<h2>Traceback</h2>\n");
        appendChain(html, failure, sources, mayRead);
        html.append("<h2>Request</h2>\n<pre class=\"request-line\">").append(escape(requestLine(scope)))
                .append("</pre>\n<table class=\"headers\">\n");
        for (Header header : scope.headers()) {
            html.append("<tr><th>").append(escape(header.name())).append("</th><td>").append(escape(header.value()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendChain(StringBuilder html, Throwable failure, @Nullable SourceLines sources,
                                    boolean mayRead) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int excerpts = 0;
        Throwable current = failure;
        for (int depth = 0; current != null && seen.add(current); depth++) {
            if (depth == MAX_CAUSES) {
                html.append("<p class=\"note\">(the chain of causes goes on)</p>\n");
                return;
            }
            html.append("<div class=\"exception\">\n<h3>").append(depth == 0 ? "" : "Caused by: ")
                    .append(escape(current.toString())).append("</h3>\n<ol class=\"frames\">\n");
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                StackTraceElement frame = frames[i];
                html.append(isApplicationFrame(frame) ? "<li class=\"app\">" : "<li>").append(escape(describe(frame)));
                SourceLines.Excerpt excerpt = sources == null || excerpts >= MAX_EXCERPTS || frame.getFileName() == null
                        || frame.getLineNumber() < 1 ? null : sources.around(frame, mayRead);
                if (excerpt != null && !excerpt.lines().isEmpty()) {
                    appendExcerpt(html, excerpt, frame.getLineNumber());
                    excerpts++;
                }
                html.append("</li>\n");
            }
            html.append("</ol>\n");
            if (frames.length > MAX_FRAMES) {
                html.append("<p class=\"note\">… ").append(frames.length - MAX_FRAMES).append(" more frames</p>\n");
            }
            html.append("</div>\n");
            current = current.getCause();
        }
    }

    /** The lines as a numbered block, the frame's own line marked. */
    private static void appendExcerpt(StringBuilder html, SourceLines.Excerpt excerpt, int line) {
        int last = excerpt.firstLine() + excerpt.lines().size() - 1;
        int width = Integer.toString(last).length();
        html.append("\n<pre class=\"source\">");
        for (int i = 0; i < excerpt.lines().size(); i++) {
            int number = excerpt.firstLine() + i;
            boolean here = number == line;
            String label = Integer.toString(number);
            html.append(here ? "<span class=\"here\">" : "").append("<span class=\"n\">")
                    .repeat(" ", width - label.length()).append(label).append("  </span>")
                    .append(escape(excerpt.lines().get(i)));
            html.append(here ? "</span>" : "\n");
        }
        html.append("</pre>");
    }

    /** {@code com.example.App.call(App.java:12)}, without the class loader and module prefixes. */
    static String describe(StackTraceElement frame) {
        String where = frame.isNativeMethod() ? "Native Method"
                : frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber()
                : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    /** Neither the JDK's nor jvicorn's own: the application's or its libraries'. */
    static boolean isApplicationFrame(StackTraceElement frame) {
        String module = frame.getModuleName();
        if (module != null && (module.startsWith("java.") || module.startsWith("jdk."))) {
            return false;
        }
        String className = frame.getClassName();
        for (String prefix : JDK_PACKAGES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        for (String prefix : SERVER_PACKAGES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** {@code GET /path?query HTTP/1.1}, the target as received (bytes as ISO-8859-1). */
    static String requestLine(HttpScope scope) {
        String target = new String(scope.rawPath(), StandardCharsets.ISO_8859_1);
        if (scope.queryString().length > 0) {
            target += "?" + new String(scope.queryString(), StandardCharsets.ISO_8859_1);
        }
        return scope.method() + " " + target + " HTTP/" + scope.httpVersion();
    }

    /**
     * Text as HTML content or attribute value: {@code & < > " '} as entities, and C0 control characters other than
     * tab, line feed and carriage return (which HTML does not allow) as U+FFFD.
     *
     * @param text any text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '\t', '\n', '\r' -> null;
                default -> c < 0x20 || c == 0x7F ? "\uFFFD" : null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
