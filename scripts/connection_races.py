#!/usr/bin/python3
"""Repeats issue 11's connection races over real sockets against the jvicorn CLI.

Each case starts its own server (the CLI serving io.jvicorn.examples:ConnectionProbeApp on 127.0.0.1), runs its
tries one after another, each on a new connection, stops the server (SIGTERM, graceful) and then reads its log.

  1a  GET /error (the app throws: 500 with connection: close), read it whole, then send GET /second at once:
      the second request must not be answered, and the server must close the connection.
  1b  the same with GET /close (the app sets connection: close on a 200).
  1c  GET /error and GET /second in one write (pipelined): one 500, whole, then the connection closes.
  2   GET / then shutdown(SHUT_WR): the 200 arrives whole, then the connection closes.
  2b  GET /a and GET /b in one write, then shutdown(SHUT_WR): both answered in order, then the connection closes.
  3   POST /gone with Content-Length: 10 and 3 body bytes, then close: the app sees http.disconnect and returns
      without responding; the server must log no ERROR and no 500 access line for it.

In every case the log must not contain "ASGI callable returned without starting response", nor any ERROR other than
the one /error causes on purpose. Standard library only, for Debian's /usr/bin/python3.

Usually run through scripts/connection-races, which builds what is missing and passes --java, --jar and --app-dir.
With --server-command it runs another server instead (scripts/connection_probe_app.py is the app's ASGI twin, for
Uvicorn); its log must then say "running on http://127.0.0.1:PORT" and use Uvicorn's access-log and ERROR formats.
"""

import argparse
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time

APP = "io.jvicorn.examples:ConnectionProbeApp"
ERROR_MESSAGE = "ConnectionProbeApp: /error fails before starting the response"
FALSE_ERROR = "ASGI callable returned without starting response"
READ_TIMEOUT = 2.0          # seconds a try waits for more bytes before calling the connection "not closed"
MAX_TIMEOUTS = 10           # a case stops after this many tries that timed out (a hung server would take hours)
CASES = ("1a", "1b", "1c", "2", "2b", "3")


def request(path):
    return ("GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path).encode("ascii")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for n, v in self.headers:
            if n == name:
                return v
        return None

    def closes(self):
        value = self.header("connection")
        return value is not None and "close" in [t.strip().lower() for t in value.split(",")]


def parse_one(data, eof=False):
    """The first whole response in data and the bytes after it, or None while it is incomplete.

    Framing: content-length, chunked, or (neither) the rest of the connection, whole only once eof is true."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = data[:end].decode("latin-1").split("\r\n")
    match = re.match(r"HTTP/1\.[01] (\d{3})", lines[0])
    if not match:
        raise ValueError("not a status line: %r" % lines[0])
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    status = int(match.group(1))
    start = end + 4
    length = next((v for n, v in headers if n == "content-length"), None)
    chunked = any(n == "transfer-encoding" and "chunked" in v.lower() for n, v in headers)
    if chunked:
        body, at = b"", start
        while True:
            line_end = data.find(b"\r\n", at)
            if line_end < 0:
                return None
            size = int(data[at:line_end].split(b";")[0], 16)
            if size == 0:
                # "0" CRLF, then trailer fields (none from the servers tested here), then CRLF.
                trailer_end = data.find(b"\r\n\r\n", line_end)
                if trailer_end < 0:
                    return None
                return Response(status, headers, body), data[trailer_end + 4:]
            if len(data) < line_end + 2 + size + 2:
                return None
            body += data[line_end + 2:line_end + 2 + size]
            at = line_end + 2 + size + 2
    if length is not None:
        total = start + int(length)
        if len(data) < total:
            return None
        return Response(status, headers, data[start:total]), data[total:]
    if eof:
        return Response(status, headers, data[start:]), b""
    return None


def parse_responses(data, eof=False):
    """Splits bytes into whole responses. Returns (responses, the bytes after the last whole one)."""
    responses = []
    while data:
        parsed = parse_one(data, eof)
        if parsed is None:
            break
        responses.append(parsed[0])
        data = parsed[1]
    return responses, data


def read_until_end(sock, data=b""):
    """Reads until EOF, a reset or READ_TIMEOUT of silence. Returns (bytes, 'eof' | 'reset' | 'timeout')."""
    while True:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return data, "timeout"
        except (ConnectionResetError, BrokenPipeError):
            return data, "reset"
        if not chunk:
            return data, "eof"
        data += chunk


def read_one_response(sock):
    """Reads one whole response. Returns (response or None, the bytes read past it, how the read ended or None)."""
    data = b""
    while True:
        parsed = parse_one(data)
        if parsed is not None:
            return parsed[0], parsed[1], None
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return None, data, "timeout"
        except (ConnectionResetError, BrokenPipeError):
            return None, data, "reset"
        if not chunk:
            parsed = parse_one(data, eof=True) if data else None
            if parsed is not None:
                return parsed[0], parsed[1], "eof"
            return None, data, "eof"
        data += chunk


def connect(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=READ_TIMEOUT)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class Tally:
    """Counts the tries of a case by outcome; any outcome but 'ok' is a failure."""

    def __init__(self):
        self.tries = 0
        self.outcomes = {}
        self.timeouts = 0
        self.aborted = False
        self.notes = []

    def add(self, outcome):
        self.tries += 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        if "timeout" in outcome:
            self.timeouts += 1
        self.aborted = self.timeouts >= MAX_TIMEOUTS
        return not self.aborted

    def failures(self):
        return sum(n for o, n in self.outcomes.items() if o != "ok")

    def detail(self):
        parts = ["%s %d" % (o, n) for o, n in sorted(self.outcomes.items(), key=lambda e: (e[0] != "ok", e[0]))]
        if self.aborted:
            parts.append("stopped after %d tries that timed out" % MAX_TIMEOUTS)
        return ", ".join(parts + self.notes)


def after_close_response(port, path, expected_status):
    """Cases 1a and 1b: a response with connection: close, read whole, then a second request on the same socket."""
    with connect(port) as sock:
        sock.sendall(request(path))
        first, rest, how = read_one_response(sock)
        if first is None:
            return "no first response (%s)" % how
        if first.status != expected_status:
            return "first response %d, not %d" % (first.status, expected_status)
        if not first.closes():
            return "first response without connection: close"
        try:
            sock.sendall(request("/second"))
        except (BrokenPipeError, ConnectionResetError):
            return "ok"                                # closed before the second request could be sent
        data, how = read_until_end(sock, rest)
        if b"HTTP/1." in data:
            return "second answered"
        if data:
            return "unexpected bytes after the close"
        if how == "timeout":
            return "not closed (timeout)"
        return "ok"


def pipelined_after_error(port):
    """Case 1c: GET /error and GET /second in one write."""
    with connect(port) as sock:
        sock.sendall(request("/error") + request("/second"))
        data, how = read_until_end(sock)
    try:
        responses, rest = parse_responses(data, eof=how != "timeout")
    except ValueError:
        return "malformed response"
    if len(responses) > 1 or (responses and b"HTTP/1." in rest):
        return "second answered"
    if not responses:
        return "500 lost (%s)" % how if not data else "500 cut short (%s)" % how
    if responses[0].status != 500 or not responses[0].closes():
        return "first response %d, not a 500 with connection: close" % responses[0].status
    if rest:
        return "unexpected bytes after the 500"
    if how == "timeout":
        return "not closed (timeout)"
    return "ok"


def half_closed(port, paths):
    """Cases 2 and 2b: requests in one write, then shutdown(SHUT_WR); every one must be answered, then EOF."""
    with connect(port) as sock:
        sock.sendall(b"".join(request(p) for p in paths))
        sock.shutdown(socket.SHUT_WR)
        data, how = read_until_end(sock)
    try:
        responses, rest = parse_responses(data, eof=how != "timeout")
    except ValueError:
        return "malformed response"
    answered = [r for r in responses if r.status == 200]
    if len(answered) < len(paths):
        if not data:
            return "no response (%s)" % how
        return "%d of %d answered (%s)" % (len(answered), len(paths), how)
    if [r.body.decode("utf-8", "replace") for r in responses] != list(paths):
        return "wrong bodies"
    if rest:
        return "unexpected bytes after the responses"
    if how == "timeout":
        return "answered, not closed (timeout)"
    return "ok"


def gone_mid_body(port):
    """Case 3: a POST whose body stops at 3 of its 10 bytes, then close()."""
    sock = connect(port)
    sock.sendall(b"POST /gone HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
    sock.close()


def get(port, path):
    with connect(port) as sock:
        sock.sendall(request(path))
        response, _, how = read_one_response(sock)
    if response is None:
        raise RuntimeError("GET %s: no response (%s)" % (path, how))
    return response


class Server:
    """The CLI serving the probe app, its output in a log file."""

    def __init__(self, args, extra, log_path):
        self.log_path = log_path
        self.killed = False
        command = self.command_line(args, extra)
        self.command = command
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.port = self._wait_for_port()

    @staticmethod
    def command_line(args, extra):
        if args.server_command:
            return shlex.split(args.server_command.replace("{port}", str(args.port))) + extra
        return [args.java, "-jar", args.jar, APP, "--app-dir", args.app_dir, "--host", "127.0.0.1",
                "--port", str(args.port)] + extra

    def _wait_for_port(self):
        deadline = time.monotonic() + 60
        pattern = re.compile(rb"running on http://127\.0\.0\.1:(\d+)")
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as f:
                match = pattern.search(f.read())
            if match:
                return int(match.group(1))
            if self.process.poll() is not None:
                raise RuntimeError("the server exited (%d) while starting; see %s"
                                   % (self.process.returncode, self.log_path))
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the server did not start within 60 s; see %s" % self.log_path)

    def settle(self, quiet=0.5, limit=15.0):
        """Waits until the log has not grown for `quiet` seconds (at most `limit`).

        A server may log about an exchange after the application returned and after the client has gone (case 3's
        false error and its access line come then), and jvicorn does not wait for such work when it shuts down: a
        log read right after the tries, or after a SIGTERM, can miss lines."""
        deadline = time.monotonic() + limit
        size, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            current = os.path.getsize(self.log_path)
            if current != size:
                size, since = current, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.05)

    def stop(self):
        """Waits for a quiet log, then SIGTERM (graceful shutdown), then SIGKILL after 30 s. Returns the log."""
        self.settle()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.killed = True
                self.process.kill()
                self.process.wait()
        self.log.close()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")


def log_problems(text):
    """ERROR records other than the one /error causes on purpose, and the false error of issue 11's case 3.

    A record is a line that starts with a level ("ERROR:", "INFO:", ...) and the lines after it that do not (a stack
    trace); an ERROR record is on purpose when the exception message of /error appears in it."""
    records = []
    for line in text.splitlines():
        if re.match(r"[A-Z]+:", line) or not records:
            records.append([line])
        else:
            records[-1].append(line)
    unexpected = sum(1 for r in records if r[0].startswith("ERROR") and ERROR_MESSAGE not in "\n".join(r))
    return unexpected, text.count(FALSE_ERROR)


def one_try(case, port):
    """Runs one try of a case; returns its outcome ('ok' or what went wrong), or None for case 3 (judged later)."""
    if case == "1a":
        return after_close_response(port, "/error", 500)
    if case == "1b":
        return after_close_response(port, "/close", 200)
    if case == "1c":
        return pipelined_after_error(port)
    if case == "2":
        return half_closed(port, ["/"])
    if case == "2b":
        return half_closed(port, ["/a", "/b"])
    gone_mid_body(port)
    return None


def run_case(case, args, extra, log_dir):
    tally = Tally()
    server = Server(args, extra, os.path.join(log_dir, "server-%s.log" % case))
    port = server.port
    try:
        for _ in range(args.tries):
            try:
                outcome = one_try(case, port)
            except ValueError:
                outcome = "malformed response"
            if outcome is None:
                tally.tries += 1
                continue
            if not tally.add(outcome):
                break
        if case == "3":
            # The app counts the /gone calls that saw http.disconnect; wait until all of them have returned.
            deadline = time.monotonic() + 10
            stats = ""
            while time.monotonic() < deadline:
                stats = get(port, "/stats").body.decode("ascii")
                if stats == "gone=%d disconnected=%d" % (args.tries, args.tries):
                    break
                time.sleep(0.05)
            numbers = dict(part.split("=") for part in stats.split())
            calls, disconnected = int(numbers.get("gone", 0)), int(numbers.get("disconnected", 0))
            if disconnected < args.tries:
                tally.outcomes["app never saw http.disconnect"] = args.tries - disconnected
            tally.notes.append("app called %d times, saw http.disconnect %d times" % (calls, disconnected))
    finally:
        text = server.stop()
    unexpected, false_errors = log_problems(text)
    if case == "3":
        status_500 = len(re.findall(r'"POST /gone HTTP/1\.1" 5\d\d', text))
        tally.outcomes["500 access line"] = status_500
        tally.outcomes["ok"] = max(0, tally.tries - status_500 - tally.outcomes.get("app never saw http.disconnect", 0))
        tally.outcomes = {o: n for o, n in tally.outcomes.items() if n}
    if unexpected:
        tally.notes.append("FAIL log: %d unexpected ERROR records" % unexpected)
    if false_errors:
        tally.notes.append("FAIL log: %d x '%s'" % (false_errors, FALSE_ERROR))
    if server.killed:
        tally.notes.append("FAIL the server did not stop within 30 s of SIGTERM (killed)")
    return tally, unexpected > 0 or false_errors > 0 or server.killed


WHAT = {
    "1a": "GET /error: 500 + close, read whole; then GET /second",
    "1b": "GET /close: 200 + app's close, read whole; then GET /second",
    "1c": "GET /error + GET /second in one write",
    "2": "GET /, then shutdown(SHUT_WR)",
    "2b": "GET /a + GET /b in one write, then shutdown(SHUT_WR)",
    "3": "POST /gone, 3 of 10 body bytes, then close()",
}


def main():
    parser = argparse.ArgumentParser(
        description="Repeats issue 11's connection races against the jvicorn CLI. Options it does not know are "
                    "passed to the CLI (for example --reset-contextvars); so is everything after --.")
    parser.add_argument("--java", help="the java executable")
    parser.add_argument("--jar", help="the CLI jar (cli/target/jvicorn.jar)")
    parser.add_argument("--app-dir", help="where io.jvicorn.examples.ConnectionProbeApp is")
    parser.add_argument("--server-command", metavar="CMD",
                        help="run this command instead of the CLI, {port} replaced by --port; it must listen on "
                             "127.0.0.1 and log 'running on http://127.0.0.1:PORT' (for comparisons, for example "
                             "Uvicorn with scripts/connection_probe_app.py)")
    parser.add_argument("--tries", type=int, default=1000, help="tries per case (default 1000)")
    parser.add_argument("--port", type=int, default=0, help="the port the server listens on (default: a free one)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset of " + ",".join(CASES))
    parser.add_argument("--log-dir", help="keep the server logs here (default: a temporary directory, removed "
                                          "unless a case fails)")
    argv = sys.argv[1:]
    passthrough = []
    if "--" in argv:
        passthrough = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    args, extra = parser.parse_known_args(argv)
    extra += passthrough
    cases = [c for c in args.cases.split(",") if c]
    for c in cases:
        if c not in CASES:
            parser.error("unknown case %s (known: %s)" % (c, ",".join(CASES)))
    if not args.server_command and not (args.java and args.jar and args.app_dir):
        parser.error("--java, --jar and --app-dir are required unless --server-command is given")
    if args.tries < 1:
        parser.error("--tries must be at least 1")

    log_dir = args.log_dir or tempfile.mkdtemp(prefix="jvicorn-races.")
    os.makedirs(log_dir, exist_ok=True)
    print("server: " + shlex.join(Server.command_line(args, extra)))
    print("tries per case: %d, one new connection per try, read timeout %.0f s" % (args.tries, READ_TIMEOUT))
    print()
    print("%-4s %-58s %6s %8s %6s  %s" % ("case", "what", "tries", "failures", "result", "outcomes"))
    failed = False
    for case in cases:
        started = time.monotonic()
        try:
            tally, log_failed = run_case(case, args, extra, log_dir)
        except (RuntimeError, OSError, ValueError) as e:
            failed = True
            print("%-4s %-58s %6s %8s %6s  could not run: %s" % (case, WHAT[case], "-", "-", "FAIL", e), flush=True)
            continue
        case_failed = tally.failures() > 0 or log_failed or tally.aborted
        failed |= case_failed
        print("%-4s %-58s %6d %8d %6s  %s (%.1f s)" % (
            case, WHAT[case], tally.tries, tally.failures(), "FAIL" if case_failed else "ok", tally.detail(),
            time.monotonic() - started), flush=True)
    print()
    if failed:
        print("FAILED; server logs in %s" % log_dir)
        return 1
    if not args.log_dir:
        for name in os.listdir(log_dir):
            os.remove(os.path.join(log_dir, name))
        os.rmdir(log_dir)
    print("passed: no request served after a close, every half-closed request answered, no false error logged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
