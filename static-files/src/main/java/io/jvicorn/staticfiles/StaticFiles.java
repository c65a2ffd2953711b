package io.jvicorn.staticfiles;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.http.HttpDate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Serves the files of a directory under a route, and hands every other request to the application it wraps: Granian's
 * {@code --static-path-route} and {@code --static-path-mount}, and what nginx's {@code location /static/ { root ... }}
 * does for an application behind it.
 *
 * <pre>{@code
 * Application app = new StaticFiles("/static", Path.of("public"), Duration.ofDays(1), myApp);
 * }</pre>
 *
 * <p>For {@code GET} and {@code HEAD} below the route: the file with its length, {@code Last-Modified}, a strong
 * {@code ETag} (nginx's form: modification time and size in hex) and {@code Accept-Ranges}; 304 for a matching
 * {@code If-None-Match} or {@code If-Modified-Since}, 412 for a failing {@code If-Match} or
 * {@code If-Unmodified-Since}; one byte range as 206, or 416 when it lies past the end (several ranges get the whole
 * file, see {@code ByteRange}); a {@code .br} or {@code .gz} sibling instead of the file when the client accepts that
 * coding, with {@code Content-Encoding} and {@code Vary}; a directory's {@code index.html}, and a redirect that adds
 * the slash to a directory's path. A file of up to 64 KiB goes out from memory, kept between requests while its size,
 * modification time and inode stay the same (32 MiB of them at most); a larger one as {@code http.response.pathsend},
 * which jvicorn sends with {@code sendfile}. Refused: other methods (405), paths with {@code .} or {@code ..} segments (also percent-encoded),
 * encoded slashes or backslashes, backslashes or NUL (400), and files whose real path (symbolic links resolved) lies
 * outside the directory (404, as if absent).
 */
public final class StaticFiles implements Application {
    private static final int RANGE_CHUNK = 64 * 1024;
    /** The most bytes of small files kept in memory ({@link SmallFileCache}). */
    private static final long CACHE_BUDGET = 32L * 1024 * 1024;
    private static final List<Header> NO_HEADERS = List.of();

    private final String route;
    private final Path root;
    private final RootedFiles files;
    private final SmallFileCache cache = new SmallFileCache(CACHE_BUDGET);
    private final @Nullable Header cacheControl;
    private final Application fallback;

    /**
     * @param route     the path prefix served from the directory, such as {@code /static} ({@code /} for all)
     * @param directory the directory
     * @param maxAge    the {@code Cache-Control: max-age} of served files, or null for none
     * @param fallback  the application for every other request and scope
     * @throws IllegalArgumentException if the route does not start with {@code /}, or the directory is not one
     */
    public StaticFiles(String route, Path directory, @Nullable Duration maxAge, Application fallback) {
        if (!route.startsWith("/")) {
            throw new IllegalArgumentException("the static route must start with '/', got '" + route + "'");
        }
        this.route = route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
        try {
            this.root = directory.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("the static directory " + directory + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the static directory " + directory + " cannot be read: " + e, e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the static directory " + directory + " is not a directory");
        }
        this.files = new RootedFiles(root);
        this.cacheControl = maxAge == null ? null : Header.of("cache-control", "max-age=" + maxAge.toSeconds());
        this.fallback = fallback;
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (scope instanceof HttpScope http) {
            String path = http.path().substring(http.rootPath().length());
            if (path.startsWith(route) && (path.length() == route.length() || path.charAt(route.length()) == '/')) {
                serve(http, path.substring(route.length()), send);
                return;
            }
        }
        fallback.call(scope, receive, send);
    }

    private void serve(HttpScope request, String below, Send send) throws Exception {
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            plain(send, 405, "Method Not Allowed", List.of(Header.of("allow", "GET, HEAD")));
            return;
        }
        RequestedPath requested = RequestedPath.of(below, new String(request.rawPath(), StandardCharsets.ISO_8859_1));
        String relative = requested.relative();
        if (relative == null) {
            plain(send, 400, "Bad Request: " + requested.refusal(), NO_HEADERS);
            return;
        }
        RootedFiles.Found found = files.find(relative);
        if (found != null && found.attributes().isDirectory()) {
            if (!below.endsWith("/")) {
                redirectToDirectory(request, send);
                return;
            }
            found = files.child(found.path(), "index.html");
        }
        if (found == null || !found.attributes().isRegularFile()) {
            plain(send, 404, "Not Found", NO_HEADERS);
            return;
        }
        String name = found.path().getFileName().toString();
        String type = MediaTypes.of(name);
        String acceptEncoding = Header.first(request.headers(), "accept-encoding");
        String coding = null;
        if (acceptEncoding != null) {
            for (String candidate : new String[] {"br", "gzip"}) {
                RootedFiles.Found sibling = AcceptEncoding.accepts(acceptEncoding, candidate)
                        ? files.child(found.path().getParent(), name + (candidate.equals("br") ? ".br" : ".gz"))
                        : null;
                if (sibling != null && sibling.attributes().isRegularFile()) {
                    found = sibling;
                    coding = candidate;
                    break;
                }
            }
        }
        respond(request, send, found.path(), found.attributes(), type, coding, head);
    }

    private void respond(HttpScope request, Send send, Path file, BasicFileAttributes attributes, String type,
                         @Nullable String coding, boolean head) throws Exception {
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis() / 1000;
        String etag = "\"" + Long.toHexString(modified) + "-" + Long.toHexString(size)
                + (coding == null ? "" : "-" + coding) + "\"";
        List<Header> validators = new ArrayList<>(5);
        validators.add(Header.of("etag", etag));
        if (cacheControl != null) {
            validators.add(cacheControl);
        }
        if (coding != null) {
            validators.add(Header.of("vary", "accept-encoding"));
        }
        List<Header> headers = request.headers();
        switch (Preconditions.evaluate(headers, etag, modified)) {
            case NOT_MODIFIED -> {
                send.send(new HttpResponseStart(304, validators));
                send.send(new HttpResponseBody(new byte[0]));
                return;
            }
            case FAILED -> {
                plain(send, 412, "Precondition Failed", NO_HEADERS);
                return;
            }
            case SERVE -> { }
        }
        List<Header> response = new ArrayList<>(validators.size() + 5);
        response.add(Header.of("content-type", type));
        response.add(Header.of("last-modified", HttpDate.format(modified)));
        response.add(Header.of("accept-ranges", "bytes"));
        if (coding != null) {
            response.add(Header.of("content-encoding", coding));
        }
        response.addAll(validators);
        ByteRange range = head || !Preconditions.rangeApplies(headers, etag, modified)
                ? ByteRange.WHOLE : ByteRange.of(Header.first(headers, "range"), size);
        switch (range.kind()) {
            case WHOLE -> {
                response.add(Header.of("content-length", Long.toString(size)));
                send.send(new HttpResponseStart(200, response));
                byte[] content = head ? new byte[0] : cache.content(file, attributes);
                send.send(content != null ? new HttpResponseBody(content) : new HttpResponsePathsend(file));
            }
            case PARTIAL -> {
                response.add(Header.of("content-range", "bytes " + range.first() + "-" + range.last() + "/" + size));
                response.add(Header.of("content-length", Long.toString(range.length())));
                send.send(new HttpResponseStart(206, response));
                byte[] content = cache.content(file, attributes);
                if (content != null) {
                    send.send(new HttpResponseBody(Arrays.copyOfRange(content, (int) range.first(),
                            (int) range.last() + 1)));
                } else {
                    sendRange(send, file, range);
                }
            }
            case UNSATISFIABLE -> plain(send, 416, "Range Not Satisfiable",
                    List.of(Header.of("content-range", "bytes */" + size)));
        }
    }

    /** A range goes through body parts: pathsend has no offset, and a range is usually a small part of a file. */
    private static void sendRange(Send send, Path file, ByteRange range) throws Exception {
        try (FileChannel channel = FileChannel.open(file)) {
            long position = range.first();
            long end = range.last() + 1;
            while (position < end) {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(RANGE_CHUNK, end - position));
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, position + chunk.position()) < 0) {
                        throw new IOException(file + " ended before the range did (it shrank)");
                    }
                }
                position += chunk.capacity();
                send.send(new HttpResponseBody(chunk.array(), position < end));
            }
        }
    }

    /** 301 to the directory's path with a slash, so that its page's relative links resolve inside it. */
    private static void redirectToDirectory(HttpScope request, Send send) throws Exception {
        String query = new String(request.queryString(), StandardCharsets.ISO_8859_1);
        String location = new String(request.rawPath(), StandardCharsets.ISO_8859_1) + "/"
                + (query.isEmpty() ? "" : "?" + query);
        plain(send, 301, "Moved Permanently", List.of(Header.of("location", location)));
    }

    private static void plain(Send send, int status, String text, List<Header> extra) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(extra.size() + 2);
        headers.add(Header.of("content-type", "text/plain; charset=utf-8"));
        headers.add(Header.of("content-length", Integer.toString(body.length)));
        headers.addAll(extra);
        send.send(new HttpResponseStart(status, headers));
        send.send(new HttpResponseBody(body));
    }
}
