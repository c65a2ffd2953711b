package io.jvicorn.testing;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for the {@link TestClient}: method, target ({@code /path?query}), headers and body. The body is whole
 * ({@link #body(byte[])}, one {@code http.request}) or streamed ({@link #chunks(Iterable)}, one
 * {@code http.request} with {@code more_body} per chunk, each pulled from the iterable only when the application
 * receives). {@link TestClient#sendAndDisconnect} sends it and goes away before the body's end.
 *
 * <p>Immutable: each method returns a new request.
 */
public final class TestRequest {
    private final String method;
    private final String target;
    private final List<Header> headers;
    private final byte[] body;
    private final @Nullable Iterable<byte[]> chunks;

    private TestRequest(String method, String target, List<Header> headers, byte[] body,
                        @Nullable Iterable<byte[]> chunks) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = body;
        this.chunks = chunks;
    }

    /**
     * A request without body or headers.
     *
     * @param method the method, for example {@code GET}
     * @param target the path and query, {@code /items?id=3}; characters outside printable ASCII are percent-encoded
     *               as UTF-8
     * @return the request
     */
    public static TestRequest of(String method, String target) {
        if (method.isEmpty() || !method.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("invalid method '" + method + "'");
        }
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("the target must start with '/': '" + target + "'");
        }
        return new TestRequest(method, target, List.of(), new byte[0], null);
    }

    /** @param target path and query @return a GET request */
    public static TestRequest get(String target) {
        return of("GET", target);
    }

    /** @param target path and query @return a POST request */
    public static TestRequest post(String target) {
        return of("POST", target);
    }

    /**
     * Adds a header (the name is lower-cased in the scope, as the server does).
     *
     * @param name  the field name
     * @param value the field value
     * @return the new request
     */
    public TestRequest header(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(Header.of(name, value));
        return new TestRequest(method, target, List.copyOf(more), body, chunks);
    }

    /**
     * The whole body, sent as one {@code http.request}, with a {@code content-length} header.
     *
     * @param bytes the body (copied)
     * @return the new request
     */
    public TestRequest body(byte[] bytes) {
        return new TestRequest(method, target, headers, bytes.clone(), null);
    }

    /**
     * The whole body as UTF-8 text.
     *
     * @param text the body
     * @return the new request
     */
    public TestRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A streamed body ({@code transfer-encoding: chunked}): each chunk is one {@code http.request} with
     * {@code more_body}, pulled from the iterable when the application receives, then an empty final one.
     *
     * @param parts the chunks; iterated once per request sent
     * @return the new request
     */
    public TestRequest chunks(Iterable<byte[]> parts) {
        return new TestRequest(method, target, headers, new byte[0], Objects.requireNonNull(parts));
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    List<Header> headers() {
        return headers;
    }

    byte[] wholeBody() {
        return body;
    }

    @Nullable Iterator<byte[]> chunkIterator() {
        Iterable<byte[]> c = chunks;
        return c == null ? null : c.iterator();
    }

    boolean streamed() {
        return chunks != null;
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
