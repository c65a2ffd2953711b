"""The differential corpus of HTTP/1.1 requests (issue 15, item 5): valid, edge and smuggling-style byte strings.

Writes protocol-http11/src/test/resources/differential/corpus.txt, one case a line: a name, a TAB, the bytes with
\\r \\n \\t \\\\ and \\xHH escapes. The order and content are fixed, so the file only changes when this script does.
Run through scripts/http11-differential --corpus.
"""

H = "Host: h\r\n"
GET = "GET / HTTP/1.1\r\n" + H
POST = "POST / HTTP/1.1\r\n" + H
CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n"
NEXT = "GET /next HTTP/1.1\r\n" + H + "\r\n"


def cases():
    c = []

    def add(name, raw):
        c.append((name.encode("ascii", "backslashreplace").decode("ascii"), raw))

    # Valid requests and common edges
    add("get minimal", GET + "\r\n")
    add("get with query", "GET /a/b?x=1&y=%20 HTTP/1.1\r\n" + H + "\r\n")
    add("get empty query", "GET /a? HTTP/1.1\r\n" + H + "\r\n")
    add("get percent-encoded path", "GET /%E2%82%AC/%2F HTTP/1.1\r\n" + H + "\r\n")
    add("head", "HEAD / HTTP/1.1\r\n" + H + "\r\n")
    add("custom method", "FOO /x HTTP/1.1\r\n" + H + "\r\n")
    add("lowercase method", "get / HTTP/1.1\r\n" + H + "\r\n")
    add("token method with symbols", "M-SEARCH * HTTP/1.1\r\n" + H + "\r\n")
    add("options asterisk", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n")
    add("absolute form http", "GET http://h/p?q=1 HTTP/1.1\r\n" + H + "\r\n")
    add("absolute form https", "GET https://h/ HTTP/1.1\r\n" + H + "\r\n")
    add("absolute form without path", "GET http://h HTTP/1.1\r\n" + H + "\r\n")
    add("absolute form with port", "GET http://h:8080/p HTTP/1.1\r\nHost: h:8080\r\n\r\n")
    add("absolute form host mismatch", "GET http://a/ HTTP/1.1\r\nHost: b\r\n\r\n")
    add("absolute form userinfo", "GET http://u:p@h/ HTTP/1.1\r\n" + H + "\r\n")
    add("absolute form ftp", "GET ftp://h/ HTTP/1.1\r\n" + H + "\r\n")
    add("connect authority form", "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n")
    add("get authority form", "GET h:80 HTTP/1.1\r\nHost: h\r\n\r\n")
    add("asterisk with get", "GET * HTTP/1.1\r\n" + H + "\r\n")
    add("relative target", "GET foo HTTP/1.1\r\n" + H + "\r\n")
    add("query-only target", "GET ?x HTTP/1.1\r\n" + H + "\r\n")
    add("double slash target", "GET //h/p HTTP/1.1\r\n" + H + "\r\n")
    add("http/1.0 no host", "GET / HTTP/1.0\r\n\r\n")
    add("http/1.0 keep-alive pipelined", "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n")
    add("http/1.0 close then more", "GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\n\r\n")
    add("connection close then more", GET + "Connection: close\r\n\r\n" + NEXT)
    add("pipelined three", GET + "\r\n" + NEXT + NEXT)
    add("leading empty line", "\r\n" + GET + "\r\n")
    add("leading empty lines", "\r\n\r\n\r\n" + GET + "\r\n")
    add("leading bare LF", "\n" + GET + "\r\n")
    add("leading space", " " + GET + "\r\n")
    add("ows around value", GET + "X:  \t a b \t \r\n\r\n")
    add("empty value", GET + "X:\r\n\r\n")
    add("value only spaces", GET + "X:   \r\n\r\n")
    add("obs-text value", GET + "X: caf\xe9 \xff\r\n\r\n")
    add("tab in value", GET + "X: a\tb\r\n\r\n")
    add("many headers", GET + "".join("X-%d: %d\r\n" % (i, i) for i in range(40)) + "\r\n")
    add("duplicate ordinary headers", GET + "X: 1\r\nX: 2\r\n\r\n")
    add("expect continue", POST + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
    add("websocket upgrade", GET + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
    add("upgrade h2c", GET + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n")
    add("incomplete head", "GET / HTTP/1.1\r\nHost: h\r\n")
    add("incomplete request line", "GET / HT")

    # Request line and version
    add("double space after method", "GET  / HTTP/1.1\r\n" + H + "\r\n")
    add("double space before version", "GET /  HTTP/1.1\r\n" + H + "\r\n")
    add("tab after method", "GET\t/ HTTP/1.1\r\n" + H + "\r\n")
    add("tab before version", "GET /\tHTTP/1.1\r\n" + H + "\r\n")
    add("missing version", "GET /\r\n" + H + "\r\n")
    add("method only", "GET\r\n\r\n")
    add("trailing space after version", "GET / HTTP/1.1 \r\n" + H + "\r\n")
    add("space in target", "GET /a b HTTP/1.1\r\n" + H + "\r\n")
    add("bare LF request line", "GET / HTTP/1.1\n" + H + "\r\n")
    add("bare LF everywhere", "GET / HTTP/1.1\nHost: h\n\n")
    add("bare CR request line", "GET / HTTP/1.1\r" + H + "\r\n")
    for v in ["HTTP/1.2", "HTTP/1.9", "HTTP/2.0", "HTTP/0.9", "HTTP/3.0", "HTTP/1.10", "HTTP/01.1", "HTTP/1.01",
              "http/1.1", "HTTP/1", "HTTP/1.", "HTTP1.1", "HTTP/1.1.1", "HTTPS/1.1", "HTTP/1.\xce", "HTTP/\xce.1",
              "HTTP /1.1", "HTTP/ 1.1", "HTTP/1 .1", "HTTP/A.B", "HTTP/9.9"]:
        add("version " + repr(v)[1:-1], "GET / " + v + "\r\n" + H + "\r\n")
    add("http/0.9 simple request", "GET /\r\n")

    # Bytes in method, target, field name and field value
    slots = {
        "method": lambda b: "G" + b + "T / HTTP/1.1\r\n" + H + "\r\n",
        "target": lambda b: "GET /a" + b + "b HTTP/1.1\r\n" + H + "\r\n",
        "name": lambda b: GET + "X" + b + "Y: v\r\n\r\n",
        "value": lambda b: GET + "X: a" + b + "b\r\n\r\n",
    }
    special = [chr(i) for i in range(0x20) if chr(i) not in "\r\n"] + ["\x7f", "\x80", "\xff"]
    for slot, make in slots.items():
        for b in special:
            add("byte %02x in %s" % (ord(b), slot), make(b))
    for b in "\"(),/:;<=>?@[\\]{}":
        add("separator %r in name" % b, GET + "X" + b + "Y: v\r\n\r\n")
    for b in "\"<>\\^`{|}#":
        add("character %r in target" % b, "GET /a" + b + "b HTTP/1.1\r\n" + H + "\r\n")

    # Field lines
    add("space before colon", GET + "X : v\r\n\r\n")
    add("tab before colon", GET + "X\t: v\r\n\r\n")
    add("space before colon host", "GET / HTTP/1.1\r\nHost : h\r\n\r\n")
    add("obs-fold", GET + "X: a\r\n b\r\n\r\n")
    add("obs-fold tab", GET + "X: a\r\n\tb\r\n\r\n")
    add("fold on first line", "GET / HTTP/1.1\r\n Host: h\r\n\r\n")
    add("leading space before te", GET + " Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    add("no colon", GET + "NoColon\r\n\r\n")
    add("empty name", GET + ": v\r\n\r\n")
    add("colon in value", GET + "X: a:b\r\n\r\n")
    add("bare LF after field", GET + "X: a\n\r\n")
    add("bare CR in value", GET + "X: a\rb\r\n\r\n")
    add("CR CR LF", GET + "X: a\r\r\n\r\n")
    add("bare LF final line", GET + "\n")
    add("underscore in name", GET + "X_Y: v\r\n\r\n")
    add("very long value", GET + "X: " + "a" * 8000 + "\r\n\r\n")
    add("head over 16 KiB", GET + "".join("X-%d: %s\r\n" % (i, "a" * 100) for i in range(170)) + "\r\n")

    # Host
    add("missing host", "GET / HTTP/1.1\r\n\r\n")
    add("duplicate host", GET + H + "\r\n")
    add("empty host", "GET / HTTP/1.1\r\nHost:\r\n\r\n")
    for h in ["a b", "u@h", "h/p", "h:80:80", "h:x", ":80", "[::1]:80", "[::1", "h:65536", "h.", "xn--d1acj3b"]:
        add("host %r" % h, "GET / HTTP/1.1\r\nHost: " + h + "\r\n\r\n")

    # Content-Length
    for v, body in [("5", "hello"), ("0", ""), (" 5 ", "hello"), ("05", "hello"), ("5, 5", "hello"), ("5,5", "hello"),
                    ("5, 6", "hello!"), ("+5", "hello"), ("-1", ""), ("0x5", "hello"), ("5 5", ""), ("", ""),
                    ("5a", "hello"), ("1_0", ""), ("\t5\t", "hello"), ("000000000000000005", "hello"),
                    ("0000000000000000005", "hello"), ("99999999999999999999", ""),
                    ("18446744073709551621", "hello"), ("3", "hello")]:
        add("content-length %r" % v, POST + "Content-Length: " + v + "\r\n\r\n" + body)
    add("content-length twice same", POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello")
    add("content-length twice different", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")
    add("content-length incomplete body", POST + "Content-Length: 10\r\n\r\nhello")
    add("content-length then pipelined", POST + "Content-Length: 5\r\n\r\nhello" + NEXT)
    add("content-length on get", GET + "Content-Length: 2\r\n\r\nhi")
    add("content-length http/1.0", "POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi")

    # Transfer-Encoding and framing conflicts
    body = "5\r\nhello\r\n0\r\n\r\n"
    for v in ["chunked", "Chunked", "CHUNKED", " chunked ", "chunked ", "gzip, chunked", "chunked, gzip", "identity",
              "chunked, chunked", "chunked,", ", chunked", "", "xchunked", "chunked;x=1", "gzip;q=1, chunked",
              "\x0bchunked", "chunked\x0b", "chu nked", "\"chunked\"", "identity, chunked"]:
        add("te %r" % v, POST + "Transfer-Encoding: " + v + "\r\n\r\n" + body)
    add("te in two fields", POST + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    add("te twice chunked", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    add("te then cl", POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + body)
    add("cl then te", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    add("cl.te smuggle", POST + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG")
    add("te.cl smuggle", POST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n")
    add("te space before colon", POST + "Transfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\nhello")
    add("te tab value", POST + "Transfer-Encoding:\tchunked\r\n\r\n" + body)
    add("te underscore name", POST + "Transfer_Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello")
    add("te control before name", POST + "\x1cTransfer-Encoding: chunked\r\n\r\n" + body)
    add("te on http/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    add("te on get", GET + "Transfer-Encoding: chunked\r\n\r\n" + body)

    # Chunked bodies
    for name, chunks in [
        ("one chunk", "5\r\nhello\r\n0\r\n\r\n"),
        ("two chunks", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
        ("upper hex", "A\r\n0123456789\r\n0\r\n\r\n"),
        ("lower hex", "a\r\n0123456789\r\n0\r\n\r\n"),
        ("16 digit size", "0000000000000005\r\nhello\r\n0\r\n\r\n"),
        ("17 digit size", "00000000000000005\r\nhello\r\n0\r\n\r\n"),
        ("23 digit size", "00000000000000000000005\r\nhello\r\n0\r\n\r\n"),
        ("size overflow", "ffffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
        ("size 2^63", "8000000000000000\r\nhello\r\n0\r\n\r\n"),
        ("size 0x", "0x5\r\nhello\r\n0\r\n\r\n"),
        ("size plus", "+5\r\nhello\r\n0\r\n\r\n"),
        ("size minus", "-5\r\nhello\r\n0\r\n\r\n"),
        ("size leading space", " 5\r\nhello\r\n0\r\n\r\n"),
        ("size trailing space", "5 \r\nhello\r\n0\r\n\r\n"),
        ("size trailing tab", "5\t\r\nhello\r\n0\r\n\r\n"),
        ("size missing", "\r\nhello\r\n0\r\n\r\n"),
        ("size underscore", "5_0\r\nhello\r\n0\r\n\r\n"),
        ("size non-hex", "5g\r\nhello\r\n0\r\n\r\n"),
        ("ext token", "5;a=b\r\nhello\r\n0\r\n\r\n"),
        ("ext name only", "5;a\r\nhello\r\n0\r\n\r\n"),
        ("ext quoted", "5;a=\"b c\"\r\nhello\r\n0\r\n\r\n"),
        ("ext quoted escape", "5;a=\"b\\\"c\"\r\nhello\r\n0\r\n\r\n"),
        ("ext two", "5;a=b;c=d\r\nhello\r\n0\r\n\r\n"),
        ("ext bws", "5 ; a = b\r\nhello\r\n0\r\n\r\n"),
        ("ext bare semicolon", "5;\r\nhello\r\n0\r\n\r\n"),
        ("ext no name", "5;=v\r\nhello\r\n0\r\n\r\n"),
        ("ext no value", "5;a=\r\nhello\r\n0\r\n\r\n"),
        ("ext LF", "5;a\nb\r\nhello\r\n0\r\n\r\n"),
        ("ext CR", "5;a\rb\r\nhello\r\n0\r\n\r\n"),
        ("ext NUL", "5;a\x00\r\nhello\r\n0\r\n\r\n"),
        ("ext obs-text", "5;a=\xff\r\nhello\r\n0\r\n\r\n"),
        ("ext unclosed quote", "1;a=\"v\r\nX\r\n0\r\n\r\n" + NEXT),
        ("ext quoted LF", "5;a=\"x\ny\"\r\nhello\r\n0\r\n\r\n"),
        ("ext on last chunk", "5\r\nhello\r\n0;a=b\r\n\r\n"),
        ("size bare LF", "5\nhello\r\n0\r\n\r\n"),
        ("data bare LF", "5\r\nhello\n0\r\n\r\n"),
        ("data two bytes instead of CRLF", "5\r\nhelloXX0\r\n\r\n"),
        ("data CR only", "5\r\nhello\rX0\r\n\r\n"),
        ("data longer than size", "3\r\nhello\r\n0\r\n\r\n"),
        ("last chunk bare LF", "5\r\nhello\r\n0\n\r\n"),
        ("end bare LF", "5\r\nhello\r\n0\r\n\n"),
        ("no last chunk", "5\r\nhello\r\n"),
        ("no final CRLF", "5\r\nhello\r\n0\r\n"),
        ("trailer", "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"),
        ("two trailers", "5\r\nhello\r\n0\r\nA: 1\r\nB: 2\r\n\r\n"),
        ("trailer content-length", "5\r\nhello\r\n0\r\nContent-Length: 5\r\n\r\n"),
        ("trailer host", "5\r\nhello\r\n0\r\nHost: x\r\n\r\n"),
        ("trailer space before colon", "5\r\nhello\r\n0\r\nBad Trailer: x\r\n\r\n"),
        ("trailer obs-fold", "5\r\nhello\r\n0\r\nA: b\r\n c\r\n\r\n"),
        ("trailer no colon", "5\r\nhello\r\n0\r\nNoColon\r\n\r\n"),
        ("trailer bare LF", "5\r\nhello\r\n0\r\nA: b\n\r\n"),
        ("trailer bare CR", "5\r\nhello\r\n0\r\nA: b\rC: d\r\n\r\n"),
        ("trailer control", "5\r\nhello\r\n0\r\nA: b\x01\r\n\r\n"),
        ("trailer incomplete", "1\r\na\r\n0\r\n \r\n"),
        ("chunked then pipelined", "5\r\nhello\r\n0\r\n\r\n" + NEXT),
    ]:
        add("chunked " + name, CHUNKED + chunks)
    return c


def escape(raw):
    out = []
    for ch in raw:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o >= 0x7f:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out)


def write(path):
    seen = set()
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("# HTTP/1.1 request corpus for differential testing; generated by scripts/http11_differential_corpus.py\n")
        f.write("# name<TAB>bytes, with \\r \\n \\t \\\\ \\xHH escapes\n")
        for name, raw in cases():
            if name in seen:
                raise SystemExit("duplicate case name: " + name)
            seen.add(name)
            f.write(name + "\t" + escape(raw) + "\n")
    return len(seen)
