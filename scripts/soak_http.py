"""The connection endings of scripts/soak that wrk cannot make: client resets and half-closes.

Resets (--reset-rate per second): a connection that ends with SO_LINGER 0, so the kernel sends RST instead of FIN,
at one of four points, in turn: in the middle of a request head; after a whole GET, before reading the answer;
in the middle of a POST body (the application is waiting for the rest); after reading an answer on a kept-alive
connection.

Half-closes (--half-close-rate per second): a whole request, or two pipelined, then shutdown(SHUT_WR), then read to
the end: every answer must be complete and right (200 and the expected body) before the server closes. In turn: a
GET; a POST of 1 to 16 KiB; two pipelined GETs.

Runs until SIGTERM or SIGINT, then prints its counters as one JSON line on stdout. Every second it writes them to
--status FILE. At most --concurrency of these connections are in progress; an action that finds none free is counted
as skipped. Run with Debian's /usr/bin/python3 (uvloop when installed).
"""
import argparse
import asyncio
import collections
import json
import os
import signal
import socket
import struct
import sys
import time

STATS = collections.Counter()
HELLO = b"Hello, world!"


def request_get(host, close=False):
    return ("GET /plaintext HTTP/1.1\r\nHost: {}\r\n{}\r\n".format(
        host, "Connection: close\r\n" if close else "")).encode()


def request_post(host, body):
    return ("POST /echo HTTP/1.1\r\nHost: {}\r\nContent-Type: application/octet-stream\r\n"
            "Content-Length: {}\r\n\r\n".format(host, len(body))).encode() + body


def pattern(n):
    return bytes(97 + i % 26 for i in range(n))


def parse_responses(data):
    """The (status, body) of each whole response in data, and whether bytes are left over. Content-Length or
    chunked framing."""
    out = []
    i = 0
    while i < len(data):
        end = data.find(b"\r\n\r\n", i)
        if end < 0:
            return out, True
        head = data[i:end].decode("latin-1").split("\r\n")
        try:
            status = int(head[0].split(" ")[1])
        except (IndexError, ValueError):
            return out, True
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        j = end + 4
        if "content-length" in headers:
            n = int(headers["content-length"])
            if len(data) < j + n:
                return out, True
            out.append((status, data[j:j + n]))
            i = j + n
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = bytearray()
            while True:
                line_end = data.find(b"\r\n", j)
                if line_end < 0:
                    return out, True
                size = int(data[j:line_end].split(b";")[0], 16)
                j = line_end + 2
                if size == 0:
                    trailer_end = data.find(b"\r\n\r\n", j - 2)
                    if trailer_end < 0:
                        return out, True
                    j = trailer_end + 4
                    break
                if len(data) < j + size + 2:
                    return out, True
                body += data[j:j + size]
                j += size + 2
            out.append((status, bytes(body)))
            i = j
        else:
            out.append((status, data[j:]))  # to the end of the connection
            i = len(data)
    return out, False


class Driver:
    def __init__(self, args):
        self.args = args
        self.host = "{}:{}".format(args.host, args.port)
        self.slots = asyncio.Semaphore(args.concurrency)
        self.stop = asyncio.Event()
        self.reset_turn = 0
        self.half_turn = 0
        self.tasks = set()

    async def connect(self):
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(self.args.host, self.args.port), self.args.timeout)
        return reader, writer

    @staticmethod
    def reset(writer):
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    async def one_reset(self, kind):
        reader, writer = await self.connect()
        try:
            if kind == "mid_head":
                writer.write(b"GET /plaintext HTTP/1.1\r\nHost: " + self.host.encode() + b"\r\nX-Soak: ")
                await writer.drain()
                await asyncio.sleep(0.01)
            elif kind == "before_answer":
                writer.write(request_get(self.host))
                await writer.drain()
            elif kind == "mid_body":
                head = request_post(self.host, b"x" * 65536)
                writer.write(head[:len(head) - 65536 + 1000])
                await writer.drain()
                await asyncio.sleep(0.01)
            else:  # after_answer: one whole exchange, then reset the kept-alive connection
                writer.write(request_get(self.host))
                await writer.drain()
                data = b""
                while True:
                    chunk = await asyncio.wait_for(reader.read(65536), self.args.timeout)
                    if not chunk:
                        STATS["reset_after_answer_closed_early"] += 1
                        break
                    data += chunk
                    responses, partial = parse_responses(data)
                    if responses and not partial:
                        if responses[0] != (200, HELLO):
                            STATS["reset_after_answer_bad_response"] += 1
                        break
        finally:
            self.reset(writer)
        STATS["resets"] += 1
        STATS["reset_" + kind] += 1

    async def one_half_close(self, kind):
        reader, writer = await self.connect()
        try:
            if kind == "get":
                writer.write(request_get(self.host))
                expected = [(200, HELLO)]
            elif kind == "post":
                body = pattern(1024 * (1 + self.half_turn % 16))
                writer.write(request_post(self.host, body))
                expected = [(200, body)]
            else:
                writer.write(request_get(self.host) + request_get(self.host))
                expected = [(200, HELLO), (200, HELLO)]
            await writer.drain()
            writer.write_eof()
            data = b""
            while True:
                chunk = await asyncio.wait_for(reader.read(65536), self.args.timeout)
                if not chunk:
                    break
                data += chunk
            responses, partial = parse_responses(data)
            if responses == expected and not partial:
                STATS["half_close_ok"] += 1
            else:
                STATS["half_close_bad"] += 1
                STATS["half_close_bad_" + kind] += 1
                if STATS["half_close_bad"] <= 5:
                    print("half-close {}: got {!r}".format(kind, data[:300]), file=sys.stderr, flush=True)
        finally:
            writer.close()

    def launch(self, coro_factory, name):
        if self.slots.locked():
            STATS[name + "_skipped"] += 1
            return

        async def run():
            async with self.slots:
                try:
                    await coro_factory()
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
                    STATS[name + "_errors"] += 1
                    STATS[name + "_error:" + type(e).__name__] += 1
                    if STATS[name + "_errors"] <= 5:
                        print("{}: {!r}".format(name, e), file=sys.stderr, flush=True)

        task = asyncio.ensure_future(run())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drive(self):
        kinds_reset = ("mid_head", "before_answer", "mid_body", "after_answer")
        kinds_half = ("get", "post", "pipelined")
        tick = 0.05
        reset_credit = half_credit = 0.0
        while not self.stop.is_set():
            started = time.monotonic()
            reset_credit += self.args.reset_rate * tick
            half_credit += self.args.half_close_rate * tick
            while reset_credit >= 1:
                reset_credit -= 1
                kind = kinds_reset[self.reset_turn % len(kinds_reset)]
                self.reset_turn += 1
                self.launch(lambda k=kind: self.one_reset(k), "reset")
            while half_credit >= 1:
                half_credit -= 1
                kind = kinds_half[self.half_turn % len(kinds_half)]
                self.half_turn += 1
                self.launch(lambda k=kind: self.one_half_close(k), "half_close")
            await asyncio.sleep(max(0.0, tick - (time.monotonic() - started)))

    def write_status(self):
        if self.args.status:
            tmp = self.args.status + ".tmp"
            with open(tmp, "w") as f:
                json.dump(dict(sorted(STATS.items())), f)
            os.replace(tmp, self.args.status)

    async def status_loop(self):
        while True:
            self.write_status()
            await asyncio.sleep(1)

    async def run(self):
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.stop.set)
        loop.add_signal_handler(signal.SIGINT, self.stop.set)
        status = asyncio.ensure_future(self.status_loop())
        await self.drive()
        if self.tasks:
            await asyncio.wait(list(self.tasks), timeout=self.args.timeout + 1)
        status.cancel()
        self.write_status()
        print(json.dumps(dict(sorted(STATS.items()))), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--reset-rate", type=float, default=20.0, help="resets per second (default 20)")
    p.add_argument("--half-close-rate", type=float, default=20.0, help="half-closes per second (default 20)")
    p.add_argument("--concurrency", type=int, default=64, help="connections in progress at most (default 64)")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds an answer may take (default 15)")
    p.add_argument("--status", help="file to write the counters to every second")
    args = p.parse_args()
    try:
        import uvloop
        uvloop.install()
    except ImportError:
        pass
    asyncio.run(Driver(args).run())


if __name__ == "__main__":
    main()
