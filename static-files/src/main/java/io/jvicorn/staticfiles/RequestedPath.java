package io.jvicorn.staticfiles;

import org.jspecify.annotations.Nullable;

/**
 * The file a request path names below a static root, as a relative path of plain segments, or the rule it breaks. The
 * path is the scope's percent-decoded one, so {@code %2e%2e} arrives as {@code ..}; the raw path is checked for the
 * encoded separators that decoding would turn into segment boundaries the client did not send.
 *
 * @param relative the segments joined with {@code /} (empty for the root itself), or null when refused
 * @param refusal  why the path names no file, for the 400 answer, or null
 */
record RequestedPath(@Nullable String relative, @Nullable String refusal) {

    /**
     * @param decoded the decoded path below the route, starting with {@code /} or empty
     * @param raw     the same path as received (percent-encoded)
     * @return the relative path, or a refusal
     */
    static RequestedPath of(String decoded, String raw) {
        if (decoded.indexOf('\0') >= 0) {
            return refused("a NUL character in the path");
        }
        if (decoded.indexOf('\\') >= 0) {
            return refused("a backslash in the path");
        }
        if (containsIgnoreCase(raw, "%2f") || containsIgnoreCase(raw, "%5c")) {
            return refused("an encoded slash or backslash in the path");
        }
        StringBuilder relative = new StringBuilder(decoded.length());
        for (int start = 0; start <= decoded.length(); ) {
            int end = decoded.indexOf('/', start);
            if (end < 0) {
                end = decoded.length();
            }
            int length = end - start;
            if (length == 2 && decoded.startsWith("..", start) || length == 1 && decoded.charAt(start) == '.') {
                return refused("a dot segment (. or ..) in the path");
            }
            if (length > 0) { // empty segments (a//b) are merged, as nginx does
                if (!relative.isEmpty()) {
                    relative.append('/');
                }
                relative.append(decoded, start, end);
            }
            start = end + 1;
        }
        return new RequestedPath(relative.toString(), null);
    }

    private static RequestedPath refused(String rule) {
        return new RequestedPath(null, rule);
    }

    private static boolean containsIgnoreCase(String s, String lowerNeedle) {
        for (int i = s.indexOf('%'); i >= 0 && i + lowerNeedle.length() <= s.length(); i = s.indexOf('%', i + 1)) {
            if (s.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        return false;
    }
}
