package io.jvicorn.staticfiles;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpDate;
import io.jvicorn.http.HttpSyntax;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RFC 9110 §13.2.2: the conditional request headers of a GET or HEAD, evaluated in the RFC's order against a file's
 * strong entity tag and modification time. {@code If-None-Match} takes precedence over {@code If-Modified-Since},
 * {@code If-Match} over {@code If-Unmodified-Since}; a date that is not an HTTP-date is ignored (§13.1.3–4).
 */
final class Preconditions {
    /** What the preconditions decide. */
    enum Outcome {
        /** Serve the representation (200, or 206 with a range). */
        SERVE,
        /** 304 Not Modified. */
        NOT_MODIFIED,
        /** 412 Precondition Failed. */
        FAILED
    }

    private Preconditions() {
    }

    /**
     * @param headers      the request's headers
     * @param etag         the file's strong entity tag, quotes included
     * @param lastModified the file's modification time, in epoch seconds
     * @return the outcome
     */
    static Outcome evaluate(List<Header> headers, String etag, long lastModified) {
        String ifMatch = Header.first(headers, "if-match");
        if (ifMatch != null) {
            if (!matches(ifMatch, etag, false)) {
                return Outcome.FAILED;
            }
        } else {
            long since = date(Header.first(headers, "if-unmodified-since"));
            if (since != Long.MIN_VALUE && lastModified > since) {
                return Outcome.FAILED;
            }
        }
        String ifNoneMatch = Header.first(headers, "if-none-match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag, true) ? Outcome.NOT_MODIFIED : Outcome.SERVE;
        }
        long since = date(Header.first(headers, "if-modified-since"));
        return since != Long.MIN_VALUE && lastModified <= since ? Outcome.NOT_MODIFIED : Outcome.SERVE;
    }

    /**
     * §13.1.5 If-Range: a range applies only if the validator still matches: an entity tag by strong comparison, or a
     * date exactly equal to the modification time.
     *
     * @return true when there is no If-Range or it matches
     */
    static boolean rangeApplies(List<Header> headers, String etag, long lastModified) {
        String ifRange = Header.first(headers, "if-range");
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag); // strong comparison: a weak tag never matches
        }
        return HttpDate.parse(value) == lastModified;
    }

    /**
     * Whether an entity-tag list ({@code *}, or {@code "a", W/"b"}) names {@code etag}.
     *
     * @param weak weak comparison (If-None-Match: {@code W/} ignored) or strong (If-Match: a weak tag never matches)
     */
    static boolean matches(String list, String etag, boolean weak) {
        for (String element : HttpSyntax.listElements(list)) {
            if (element.equals("*")) {
                return true;
            }
            boolean weakTag = element.startsWith("W/");
            String opaque = weakTag ? element.substring(2) : element;
            if ((weak || !weakTag) && opaque.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static long date(@Nullable String value) {
        return value == null ? Long.MIN_VALUE : HttpDate.parse(value);
    }
}
