#!/usr/bin/python3
"""Checks that a server answers each benchmark workload with 200 and the right body.

Usage: http_check.py PORT WORKLOAD[,WORKLOAD...] [DB_DUMP_DIR]
  workloads: plaintext json 10k 1m echo pipeline db fortunes h2-plaintext h2-10k
  h2-*: the same GET over HTTP/2 cleartext by prior knowledge, with curl (it must answer over HTTP/2)
  db and fortunes need DB_DUMP_DIR, where benchmarks/run dumped the tables (world.tsv, fortune.tsv: id TAB value)
Prints "ok WORKLOAD" or "FAIL WORKLOAD: reason" per workload; exits 1 if any failed. Standard library only.
"""
import http.client
import json
import socket
import subprocess
import sys
from pathlib import Path


def pattern(length):
    """Byte i is 'a' + i % 26, as in io.jvicorn.benchmarks.peers.Workloads.pattern."""
    return bytes(97 + i % 26 for i in range(length))


EXPECTED = {
    "plaintext": ("/plaintext", b"Hello, world!"),
    "json": ("/json", b'{"message":"Hello, World!"}'),
    "10k": ("/10k", pattern(10 * 1024)),
    "1m": ("/1m", pattern(1024 * 1024)),
}
ECHO_BODY = pattern(10 * 1024)
PIPELINE_DEPTH = 16
DB_REQUESTS = 20  # random rows asked for; each must match the table


def read_table(path):
    """id TAB value lines, as psql -At -F TAB writes them."""
    rows = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("\t")
        rows[int(key)] = value
    return rows


def expected_fortunes_page(fortunes):
    """TechEmpower's fortunes page: the rows plus one added at request time, sorted by message, each escaped."""
    rows = sorted(list(fortunes.items()) + [(0, "Additional fortune added at request time.")], key=lambda r: r[1])
    escape = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
    return ("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
            "<tr><th>id</th><th>message</th></tr>"
            + "".join("<tr><td>%d</td><td>%s</td></tr>" % (i, m.translate(escape)) for i, m in rows)
            + "</table></body></html>").encode("utf-8")


def get(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, (response.getheader("Content-Type") or "").lower(), response.read()


def check_db(port, world):
    """Several /db requests on one keep-alive connection, each a row of World as it is in the table."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        seen = set()
        for _ in range(DB_REQUESTS):
            status, content_type, body = get(conn, "/db")
            if status != 200:
                return "status %d" % status
            if not content_type.startswith("application/json"):
                return "content type %r" % content_type
            row = json.loads(body)
            if set(row) != {"id", "randomNumber"} or row["id"] not in world:
                return "not a row of World: %r" % body[:200]
            if str(row["randomNumber"]) != world[row["id"]]:
                return "row %d has randomNumber %s, the table %s" % (row["id"], row["randomNumber"], world[row["id"]])
            seen.add(row["id"])
        if len(seen) < 2:
            return "%d requests all answered row %s: not random" % (DB_REQUESTS, seen.pop())
    finally:
        conn.close()
    return check_db_pipelined(port, world)


def check_db_pipelined(port, world):
    """A query, a plaintext GET and a query in one write: the answers must come back in that order (a server that
    hands queries to other threads must not let the quick answer overtake the slow one)."""
    request = b"".join(b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % path for path in (b"/db", b"/plaintext", b"/db"))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        reader = sock.makefile("rb")
        answers = [read_response(reader) for _ in range(3)]
    if [status for status, _ in answers] != [200, 200, 200]:
        return "pipelined /db, /plaintext, /db: statuses %s" % [status for status, _ in answers]
    if answers[1][1] != b"Hello, world!":
        return "pipelined /db, /plaintext, /db: the second answer is %r, not the plaintext one" % answers[1][1][:80]
    for _, body in (answers[0], answers[2]):
        try:
            row = json.loads(body)
        except ValueError:
            return "pipelined /db, /plaintext, /db: %r is not a row of World" % body[:80]
        if not isinstance(row, dict) or str(row.get("randomNumber")) != world.get(row.get("id")):
            return "pipelined /db, /plaintext, /db: %r is not a row of World" % body[:80]
    return None


def check_fortunes(port, fortunes):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        status, content_type, body = get(conn, "/fortunes")
        if status != 200:
            return "status %d" % status
        if content_type.replace(" ", "") != "text/html;charset=utf-8":
            return "content type %r" % content_type
        expected = expected_fortunes_page(fortunes)
        if body != expected:
            at = next((i for i, (a, b) in enumerate(zip(body, expected)) if a != b), min(len(body), len(expected)))
            return "page differs from the expected one at byte %d: %r" % (at, body[max(0, at - 40):at + 40])
        return None
    finally:
        conn.close()


def check_get(port, path, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        got = response.read()
        if response.status != 200:
            return "status %d" % response.status
        if got != body:
            return "body of %d bytes differs from the expected %d bytes" % (len(got), len(body))
        return None
    finally:
        conn.close()


def check_h2_get(port, path, body):
    """One GET over HTTP/2 by prior knowledge: Python's standard library has no HTTP/2 client, curl does."""
    result = subprocess.run(
        ["curl", "-s", "--http2-prior-knowledge", "--max-time", "10", "-o", "-",
         "-w", "\n%{http_version} %{http_code}", "http://127.0.0.1:%d%s" % (port, path)],
        capture_output=True, timeout=20)
    if result.returncode != 0:
        return "curl exited with %d" % result.returncode
    got, _, trailer = result.stdout.rpartition(b"\n")
    version, _, status = trailer.decode("ascii", "replace").partition(" ")
    if version != "2":
        return "answered over HTTP/%s, not HTTP/2" % version
    if status != "200":
        return "status %s" % status
    if got != body:
        return "body of %d bytes differs from the expected %d bytes" % (len(got), len(body))
    return None


def check_echo(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/echo", body=ECHO_BODY, headers={"Content-Type": "application/octet-stream"})
        response = conn.getresponse()
        got = response.read()
        if response.status != 200:
            return "status %d" % response.status
        if got != ECHO_BODY:
            return "echoed %d bytes, not the %d sent" % (len(got), len(ECHO_BODY))
        return None
    finally:
        conn.close()


def check_pipeline(port):
    """Sends 16 GET /plaintext in one write and expects 16 responses in order on the same connection."""
    request = b"GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" * PIPELINE_DEPTH
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        reader = sock.makefile("rb")
        for i in range(PIPELINE_DEPTH):
            status, body = read_response(reader)
            if status != 200 or body != b"Hello, world!":
                return "response %d of %d: status %d, %d bytes" % (i + 1, PIPELINE_DEPTH, status, len(body))
    return None


def read_response(reader):
    """Reads one response framed by Content-Length or chunked coding; returns (status, body)."""
    status_line = reader.readline()
    if not status_line:
        raise OSError("connection closed before a response")
    status = int(status_line.split()[1])
    length = None
    chunked = False
    while True:
        line = reader.readline().rstrip(b"\r\n")
        if not line:
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        body = b""
        while True:
            size = int(reader.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while reader.readline().rstrip(b"\r\n"):
                    pass
                return status, body
            body += reader.read(size)
            reader.readline()
    return status, reader.read(length or 0)


def main():
    port = int(sys.argv[1])
    dump = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    failed = False
    for workload in sys.argv[2].split(","):
        try:
            if workload in ("db", "fortunes") and dump is None:
                problem = "no table dump given (third argument)"
            elif workload == "db":
                problem = check_db(port, read_table(dump / "world.tsv"))
            elif workload == "fortunes":
                problem = check_fortunes(port, read_table(dump / "fortune.tsv"))
            elif workload in EXPECTED:
                problem = check_get(port, *EXPECTED[workload])
            elif workload.startswith("h2-") and workload[3:] in EXPECTED:
                problem = check_h2_get(port, *EXPECTED[workload[3:]])
            elif workload == "echo":
                problem = check_echo(port)
            elif workload == "pipeline":
                problem = check_pipeline(port)
            else:
                continue
        except (OSError, http.client.HTTPException, ValueError, subprocess.TimeoutExpired) as e:
            problem = "%s: %s" % (type(e).__name__, e)
        if problem is None:
            print("ok %s" % workload)
        else:
            failed = True
            print("FAIL %s: %s" % (workload, problem))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
