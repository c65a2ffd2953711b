"""Differential test of jvicorn's HTTP/1.1 request parser against h11 and httptools (issue 15, item 5).

Runs every request of protocol-http11/src/test/resources/differential/corpus.txt through h11 and httptools, reads
jvicorn's verdicts (jvicorn-verdicts.jsonl, written by DifferentialVerdictsTest), and prints every case where the three
disagree on the requests seen (method, target, version, fields, body, trailers) or on how the input ends (complete,
incomplete, closed after a request, refused). Output is sorted and has no timings, so runs can be diffed. Needs
Debian's python3-h11 and python3-httptools under /usr/bin/python3. Run it through scripts/http11-differential.
"""
import json
import sys
from pathlib import Path

import h11
import httptools

import http11_differential_corpus as corpus

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "protocol-http11/src/test/resources/differential"
# jvicorn drops these from trailers (RFC 9110 §6.5.1: framing, routing, ...); dropped here too so that a kept field
# is not counted as a parsing difference. The list is HeaderNames.FORBIDDEN_IN_TRAILERS.
FORBIDDEN_IN_TRAILERS = {
    "content-length", "transfer-encoding", "host", "trailer", "connection", "keep-alive", "te", "upgrade", "expect",
    "proxy-connection", "content-type", "content-encoding", "content-range", "authorization", "proxy-authorization",
    "cookie", "cache-control", "max-forwards", "pragma", "range", "if-range", "if-match", "if-none-match",
    "if-modified-since", "if-unmodified-since",
}


def text(b):
    return b.decode("latin-1")


def field(name, value):
    return norm(text(name).lower(), text(value).strip(" \t"))


def norm(name, value):
    # h11 lowercases Transfer-Encoding values; codings are case-insensitive (RFC 9112 §7), so compare them so.
    return [name, value.lower() if name == "transfer-encoding" else value]


def target(t):
    """The target as jvicorn keeps it: an absolute form's scheme and authority dropped, an empty query dropped."""
    t = text(t)
    scheme, sep, rest = t.partition("://")
    if sep and scheme and scheme[0].isalpha():
        cut = min([i for i in (rest.find("/"), rest.find("?")) if i >= 0] or [len(rest)])
        t = rest[cut:]
        t = "/" + t if not t.startswith("/") else t
    return t[:-1] if t.endswith("?") else t


def request(method, tgt, version, headers, body, trailers):
    return {"method": text(method), "target": target(tgt), "version": version, "headers": headers,
            "body": text(body), "trailers": [t for t in trailers if t[0] not in FORBIDDEN_IN_TRAILERS]}


def run_h11(raw):
    conn = h11.Connection(h11.SERVER)
    conn.receive_data(raw)
    requests, cur, body = [], None, b""
    try:
        while True:
            ev = conn.next_event()
            if ev is h11.NEED_DATA:
                conn.receive_data(b"")  # the peer closed: h11 says whether that was inside a request
                ev = conn.next_event()
                closed = isinstance(ev, h11.ConnectionClosed)
                return {"requests": requests, "end": "complete" if closed else "incomplete"}
            if ev is h11.PAUSED:
                return {"requests": requests, "end": "paused", "detail": str(conn.their_state)}
            if isinstance(ev, h11.Request):
                cur, body = ev, b""
            elif isinstance(ev, h11.Data):
                body += ev.data
            elif isinstance(ev, h11.EndOfMessage):
                requests.append(request(cur.method, cur.target, text(cur.http_version),
                                        [field(n, v) for n, v in cur.headers], body,
                                        [field(n, v) for n, v in ev.headers]))
                conn.send(h11.Response(status_code=404, headers=[("Content-Length", "0")]))
                conn.send(h11.EndOfMessage())
                if conn.our_state is h11.MUST_CLOSE:
                    return {"requests": requests, "end": "close"}
                conn.start_next_cycle()
    except h11.RemoteProtocolError as e:
        if "unexpectedly closed" in str(e) or "without sending complete" in str(e):
            return {"requests": requests, "end": "incomplete"}
        return {"requests": requests, "end": "error", "status": e.error_status_hint, "detail": str(e)}


class _Httptools:
    def __init__(self):
        self.parser = httptools.HttpRequestParser(self)
        self.requests, self.cur, self.close = [], None, False

    def on_message_begin(self):
        self.cur = {"url": b"", "headers": [], "trailers": [], "body": b"", "done": False}

    def on_url(self, url):
        self.cur["url"] += url

    def on_header(self, name, value):
        self.cur["trailers" if self.cur["done"] else "headers"].append(field(name, value))

    def on_headers_complete(self):
        self.cur["done"] = True
        self.cur["method"] = self.parser.get_method()
        self.cur["version"] = self.parser.get_http_version()

    def on_body(self, body):
        self.cur["body"] += body

    def on_message_complete(self):
        if self.close:
            return  # a server would have closed after the request before: what follows is not read
        c = self.cur
        self.requests.append(request(c["method"], c["url"], c["version"], c["headers"], c["body"], c["trailers"]))
        self.cur = None
        self.close = not self.parser.should_keep_alive()


def run_httptools(raw):
    p = _Httptools()
    try:
        p.parser.feed_data(raw)
    except httptools.HttpParserUpgrade:
        return {"requests": p.requests, "end": "upgrade"}
    except httptools.HttpParserError as e:
        if not p.close:
            return {"requests": p.requests, "end": "error", "detail": "%s: %s" % (type(e).__name__, e)}
    if p.close:
        return {"requests": p.requests, "end": "close"}
    return {"requests": p.requests, "end": "incomplete" if p.cur is not None else "complete"}


def load_cases():
    cases = []
    for line in (DATA / "corpus.txt").read_text("ascii").splitlines():
        if line and not line.startswith("#"):
            name, _, escaped = line.partition("\t")
            cases.append((name, escaped.encode("latin-1").decode("unicode_escape").encode("latin-1")))
    return cases


def load_jvicorn():
    verdicts = {}
    for line in (DATA / "jvicorn-verdicts.jsonl").read_text("utf-8").splitlines():
        v = json.loads(line)
        for r in v["requests"]:
            r.pop("framing")
            r["headers"] = [norm(n, x) for n, x in r["headers"]]
            r["trailers"] = [norm(n, x) for n, x in r["trailers"]]
        verdicts[v.pop("name")] = v
    return verdicts


def outcome(v):
    """The short form of a verdict used in the table: how many requests, and how it ends."""
    end = v["end"]
    if end == "error":
        end = "reject %s" % (v.get("status") or "")
        end = end.strip() + (" (%s)" % v["detail"] if "detail" in v else "")
    return "%d req, %s" % (len(v["requests"]), end) if v["requests"] else end


def agree(a, b):
    """Same requests and the same kind of end; refusals agree whatever their status and words."""
    return a["requests"] == b["requests"] and a["end"] == b["end"]


def main(args):
    if "--corpus" in args:
        print("wrote %d cases" % corpus.write(DATA / "corpus.txt"))
        return 0
    cases = load_cases()
    jv = load_jvicorn()
    missing = [n for n, _ in cases if n not in jv]
    if missing:
        print("no jvicorn verdict for %d cases (run with --regenerate): %s" % (len(missing), missing[:5]))
        return 2
    rows, counts = [], {"all three agree": 0}
    for name, raw in cases:
        j, h, t = jv[name], run_h11(raw), run_httptools(raw)
        if agree(j, h) and agree(j, t):
            counts["all three agree"] += 1
            continue
        key = ("jvicorn alone" if agree(h, t) else "h11 alone" if agree(j, t) else
               "httptools alone" if agree(j, h) else "all differ")
        counts[key] = counts.get(key, 0) + 1
        rows.append((name, outcome(j), outcome(h), outcome(t), key))
    print("# %d cases: %s" % (len(cases), ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    print()
    print("| case | jvicorn | h11 %s | httptools %s | odd one out |" % (h11.__version__, httptools.__version__))
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    if "--detail" in args:
        for name, raw in cases:
            if any(r[0] == name for r in rows):
                print("\n## %s\n%r\njvicorn   %s\nh11       %s\nhttptools %s" % (
                    name, raw, json.dumps(jv[name]), json.dumps(run_h11(raw)), json.dumps(run_httptools(raw))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
