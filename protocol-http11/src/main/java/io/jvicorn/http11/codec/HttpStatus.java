package io.jvicorn.http11.codec;

import java.nio.charset.StandardCharsets;

/** Reason phrases (RFC 9110 and the IANA registry) and the encoded status lines built from them. */
public final class HttpStatus {
    private HttpStatus() {
    }

    private static final String[] REASONS = new String[600];
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        reasons(100, "Continue", "Switching Protocols", "Processing", "Early Hints");
        reasons(200, "OK", "Created", "Accepted", "Non-Authoritative Information", "No Content", "Reset Content",
                "Partial Content", "Multi-Status", "Already Reported");
        REASONS[226] = "IM Used";
        reasons(300, "Multiple Choices", "Moved Permanently", "Found", "See Other", "Not Modified", "Use Proxy");
        reasons(307, "Temporary Redirect", "Permanent Redirect");
        reasons(400, "Bad Request", "Unauthorized", "Payment Required", "Forbidden", "Not Found",
                "Method Not Allowed", "Not Acceptable", "Proxy Authentication Required", "Request Timeout",
                "Conflict", "Gone", "Length Required", "Precondition Failed", "Content Too Large", "URI Too Long",
                "Unsupported Media Type", "Range Not Satisfiable", "Expectation Failed", "I'm a Teapot");
        reasons(421, "Misdirected Request", "Unprocessable Content", "Locked", "Failed Dependency", "Too Early",
                "Upgrade Required");
        REASONS[428] = "Precondition Required";
        REASONS[429] = "Too Many Requests";
        REASONS[431] = "Request Header Fields Too Large";
        REASONS[451] = "Unavailable For Legal Reasons";
        reasons(500, "Internal Server Error", "Not Implemented", "Bad Gateway", "Service Unavailable",
                "Gateway Timeout", "HTTP Version Not Supported", "Variant Also Negotiates", "Insufficient Storage",
                "Loop Detected");
        REASONS[510] = "Not Extended";
        REASONS[511] = "Network Authentication Required";
        for (int status = 100; status < 600; status++) {
            STATUS_LINES[status] = ("HTTP/1.1 " + status + " " + reason(status) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static void reasons(int first, String... phrases) {
        for (int i = 0; i < phrases.length; i++) {
            REASONS[first + i] = phrases[i];
        }
    }

    /**
     * The reason phrase of a status code.
     *
     * @param status the status code
     * @return "OK", "Not Found"...; "" for unknown codes
     */
    public static String reason(int status) {
        if (status < 0 || status >= REASONS.length) {
            return "";
        }
        String r = REASONS[status];
        return r == null ? "" : r;
    }

    /** {@code "HTTP/1.1 <status> <reason>\r\n"}, shared: do not modify. */
    static byte[] statusLine(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is outside 100..599");
        }
        return STATUS_LINES[status];
    }
}
