package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * jvicorn's side of the differential test against h11 and httptools (issue 15, item 5; docs/http11-differential.md):
 * parses every request of {@code differential/corpus.txt} and writes one normalized verdict a line, in the JSON shape
 * scripts/http11_differential.py gives the Python parsers' verdicts. The committed verdicts must match what the parser
 * does now, so a change in behaviour shows up here and in the comparison; {@code -Ddifferential.update=true} rewrites
 * them (scripts/http11-differential --regenerate does that, then compares).
 */
class DifferentialVerdictsTest {
    private static final Path VERDICTS = Path.of("src/test/resources/differential/jvicorn-verdicts.jsonl");

    @Test
    void verdictsMatchTheCommittedOnes() throws IOException {
        StringBuilder out = new StringBuilder();
        int cases = 0;
        for (String line : corpus()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            out.append(verdict(line.substring(0, tab), unescape(line.substring(tab + 1)))).append('\n');
            cases++;
        }
        assertTrue(cases >= 200, "a corpus of a few hundred requests, got " + cases);
        if (Boolean.getBoolean("differential.update")) {
            Files.writeString(VERDICTS, out, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(VERDICTS, StandardCharsets.UTF_8), out.toString(),
                "jvicorn's verdicts changed: rerun scripts/http11-differential --regenerate and update the docs");
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                DifferentialVerdictsTest.class.getResourceAsStream("/differential/corpus.txt"), "corpus")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
    }

    /** Parses the whole input; stops after a request that does not keep the connection open, as a server would. */
    static String verdict(String name, byte[] raw) {
        RequestParser parser = new RequestParser(ParserLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(raw);
        List<String> requests = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        RequestHead head = null;
        String end;
        while (true) {
            ParseEvent e = parser.next(in);
            if (e == null) {
                ParseError error = parser.endOfInput();
                end = error == null ? "\"complete\"" : error.violation() == Violation.INCOMPLETE_REQUEST
                        ? "\"incomplete\"" : error(error);
                break;
            }
            if (e instanceof ParseError error) {
                end = error(error);
                break;
            }
            if (e instanceof RequestHead h) {
                head = h;
                body.setLength(0);
            } else if (e instanceof BodyData d) {
                ByteBuffer data = d.data();
                while (data.hasRemaining()) {
                    body.append((char) (data.get() & 0xFF));
                }
            } else if (e instanceof RequestEnd r && head != null) {
                requests.add(request(head, body.toString(), r.trailers()));
                if (!head.keepAlive()) {
                    end = "\"close\"";
                    break;
                }
            }
        }
        return "{\"name\": " + json(name) + ", \"requests\": [" + String.join(", ", requests) + "], \"end\": " + end
                + "}";
    }

    private static String error(ParseError error) {
        return "\"error\", \"status\": " + error.status() + ", \"detail\": " + json(error.violation().name());
    }

    private static String request(RequestHead h, String body, List<Header> trailers) {
        String target = switch (h.targetForm()) {
            case ASTERISK -> "*";
            // The scheme and authority of an absolute form are checked, then not kept: compare the rest.
            case ORIGIN, ABSOLUTE -> latin1(h.rawPath()) + (h.queryString().length > 0 ? "?" + latin1(h.queryString()) : "");
        };
        String framing = h.chunked() ? "chunked" : h.contentLength() > 0 ? "length " + h.contentLength() : "none";
        return "{\"method\": " + json(h.method()) + ", \"target\": " + json(target) + ", \"version\": "
                + json(h.version().text()) + ", \"headers\": " + fields(h.headers()) + ", \"framing\": "
                + json(framing) + ", \"body\": " + json(body) + ", \"trailers\": " + fields(trailers) + "}";
    }

    private static String fields(List<Header> fields) {
        List<String> pairs = new ArrayList<>();
        for (Header f : fields) {
            pairs.add("[" + json(f.name()) + ", " + json(f.value()) + "]");
        }
        return "[" + String.join(", ", pairs) + "]";
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A JSON string whose characters are the bytes (ISO-8859-1), escaped as Python's json.dumps escapes them. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The corpus escapes: \r \n \t \\ and \xHH. */
    static byte[] unescape(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out[n++] = (byte) c;
                continue;
            }
            char k = s.charAt(++i);
            if (k == 'x') {
                out[n++] = (byte) Integer.parseInt(s, i + 1, i + 3, 16);
                i += 2;
                continue;
            }
            out[n++] = switch (k) {
                case 'r' -> '\r';
                case 'n' -> '\n';
                case 't' -> '\t';
                case '\\' -> '\\';
                default -> throw new IllegalArgumentException("bad escape \\" + k + " in " + s);
            };
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
