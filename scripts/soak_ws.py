"""WebSocket side of scripts/soak: holds N connections to ws://HOST:PORT/PATH open in one asyncio process.

Opens --connections connections (at most --open-concurrency handshakes at a time), then holds them idle until
SIGUSR1 (or at once with --active). Active, it pings every connection every --ping-interval seconds (spread evenly
over the interval) and sends a trickle of --echo-rate messages per second in all (text and binary, 16 B to 4 KiB,
on random connections), checking that each comes back unchanged and in order. The server's own pings are answered
by the library and counted. A connection that ends without the client asking is counted (with its close code) and
opened again. SIGTERM or SIGINT: closes every connection with 1000, prints the final counters as one JSON line on
stdout and exits 0.

Every second the counters go to --status FILE as JSON (written whole, then renamed), with "phase" one of
opening, open (all N open, idle), active, closing, done; scripts/soak waits on it and the sampler reads "open".

Run with Debian's /usr/bin/python3 and python3-websockets (10.x, the legacy asyncio API); uvloop when installed.
"""
import argparse
import asyncio
import collections
import json
import os
import random
import resource
import signal
import sys
import time

import websockets
from websockets.legacy.client import WebSocketClientProtocol

STATS = collections.Counter()
CLOSE_CODES = collections.Counter()


class CountingProtocol(WebSocketClientProtocol):
    """Counts the server's pings: the library answers each with pong()."""

    async def pong(self, data=b""):
        STATS["server_pings"] += 1
        await super().pong(data)


class Conn:
    __slots__ = ("index", "ws", "expected", "deflate", "reader")

    def __init__(self, index, deflate):
        self.index = index
        self.ws = None
        self.expected = collections.deque()
        self.deflate = deflate
        self.reader = None


class Client:
    def __init__(self, args):
        self.args = args
        self.uri = "ws://{}:{}{}".format(args.host, args.port, args.path)
        deflated = int(round(args.connections * args.deflate_fraction))
        step = args.connections / deflated if deflated else 0
        marks = {int(i * step) for i in range(deflated)}
        self.conns = [Conn(i, i in marks) for i in range(args.connections)]
        self.open = 0
        self.phase = "opening"
        self.active = asyncio.Event()
        self.stopping = False
        self.stop = asyncio.Event()
        self.handshakes = asyncio.Semaphore(args.open_concurrency)
        self.outstanding_pings = {}  # future -> (conn index, sent at)
        self.rtt_max = 0.0
        self.rtt_sum = 0.0
        self.started = time.monotonic()
        self.seq = 0

    # ---- connections ------------------------------------------------------------------------------------------

    async def connect(self, conn, first):
        delay = 0.1
        while not self.stopping:
            async with self.handshakes:
                if self.stopping:
                    return
                try:
                    conn.ws = await websockets.connect(
                        self.uri, create_protocol=CountingProtocol,
                        compression="deflate" if conn.deflate else None,
                        ping_interval=None, ping_timeout=None, close_timeout=10, open_timeout=30,
                        max_size=1 << 20, max_queue=64)
                except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as e:
                    STATS["handshake_failures"] += 1
                    STATS["handshake_failure:" + type(e).__name__] += 1
                    conn.ws = None
                else:
                    STATS["opened"] += 1
                    if not first:
                        STATS["reopened"] += 1
                    self.open += 1
                    conn.expected.clear()
                    conn.reader = asyncio.ensure_future(self.read(conn))
                    return
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def read(self, conn):
        ws = conn.ws
        try:
            async for message in ws:
                if not conn.expected:
                    STATS["echo_unexpected"] += 1
                elif conn.expected.popleft() == message:
                    STATS["echo_ok"] += 1
                else:
                    STATS["echo_mismatch"] += 1
        except websockets.exceptions.ConnectionClosed:
            pass
        except Exception as e:  # noqa: BLE001 - any other failure ends this connection and is counted
            STATS["reader_error:" + type(e).__name__] += 1
        self.open -= 1
        STATS["echo_lost"] += len(conn.expected)
        conn.expected.clear()
        if not self.stopping:
            STATS["dropped"] += 1
            CLOSE_CODES[str(ws.close_code)] += 1
            conn.ws = None
            await self.connect(conn, first=False)

    async def open_all(self):
        await asyncio.gather(*(self.connect(c, first=True) for c in self.conns))

    async def close_all(self):
        async def close(conn):
            ws = conn.ws
            if ws is not None:
                try:
                    await ws.close(1000, "soak done")
                except Exception:  # noqa: BLE001 - a failed close is only counted
                    STATS["close_errors"] += 1
        await asyncio.gather(*(close(c) for c in self.conns))
        readers = [c.reader for c in self.conns if c.reader is not None]
        if readers:
            await asyncio.wait(readers, timeout=15)

    # ---- traffic ----------------------------------------------------------------------------------------------

    def live(self, conn):
        return conn.ws is not None and conn.ws.open

    async def ping(self, conn):
        try:
            waiter = await conn.ws.ping()
        except Exception:  # noqa: BLE001 - the connection is going away; the reader counts that
            STATS["ping_send_errors"] += 1
            return
        STATS["pings_sent"] += 1
        self.outstanding_pings[waiter] = (conn.index, time.monotonic())
        waiter.add_done_callback(self.ponged)

    def ponged(self, waiter):
        entry = self.outstanding_pings.pop(waiter, None)
        if entry is None or waiter.cancelled() or waiter.exception() is not None:
            STATS["pings_unanswered_at_close"] += 1
            return
        rtt = time.monotonic() - entry[1]
        STATS["pongs"] += 1
        self.rtt_sum += rtt
        self.rtt_max = max(self.rtt_max, rtt)

    async def send_echo(self, conn):
        self.seq += 1
        size = random.choice((16, 64, 256, 1024, 4096))
        if random.random() < 0.5:
            head = "soak {} {} ".format(conn.index, self.seq)
            message = (head + "x" * size)[:max(size, len(head))]
        else:
            message = random.randbytes(size)
        conn.expected.append(message)
        try:
            await conn.ws.send(message)
            STATS["echo_sent"] += 1
        except Exception:  # noqa: BLE001 - counted; the reader reconnects
            STATS["echo_send_errors"] += 1

    async def traffic(self):
        await self.active.wait()
        tick = 0.05
        ping_cursor = 0
        ping_credit = 0.0
        echo_credit = 0.0
        n = len(self.conns)
        while not self.stopping:
            started = time.monotonic()
            if self.args.ping_interval > 0:
                ping_credit += n * tick / self.args.ping_interval
                while ping_credit >= 1:
                    ping_credit -= 1
                    conn = self.conns[ping_cursor]
                    ping_cursor = (ping_cursor + 1) % n
                    if self.live(conn):
                        asyncio.ensure_future(self.ping(conn))
            echo_credit += self.args.echo_rate * tick
            while echo_credit >= 1:
                echo_credit -= 1
                conn = random.choice(self.conns)
                if self.live(conn):
                    asyncio.ensure_future(self.send_echo(conn))
            # Pings unanswered for --ping-timeout count once, and are forgotten.
            now = time.monotonic()
            for waiter, (_, sent) in list(self.outstanding_pings.items()):
                if now - sent > self.args.ping_timeout:
                    del self.outstanding_pings[waiter]
                    STATS["ping_timeouts"] += 1
            await asyncio.sleep(max(0.0, tick - (time.monotonic() - started)))

    # ---- reporting --------------------------------------------------------------------------------------------

    def snapshot(self):
        s = {
            "phase": self.phase,
            "target": len(self.conns),
            "open": self.open,
            "deflate_connections": sum(1 for c in self.conns if c.deflate),
            "seconds": round(time.monotonic() - self.started, 1),
            "rtt_max_ms": round(self.rtt_max * 1000, 1),
            "rtt_mean_ms": round(self.rtt_sum / STATS["pongs"] * 1000, 2) if STATS["pongs"] else None,
            "close_codes": dict(CLOSE_CODES),
        }
        s.update(sorted(STATS.items()))
        return s

    def write_status(self):
        if not self.args.status:
            return
        tmp = self.args.status + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.snapshot(), f)
        os.replace(tmp, self.args.status)

    async def status_loop(self):
        while True:
            self.write_status()
            await asyncio.sleep(1)

    async def run(self):
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGUSR1, self.activate)
        loop.add_signal_handler(signal.SIGTERM, self.stop.set)
        loop.add_signal_handler(signal.SIGINT, self.stop.set)
        status = asyncio.ensure_future(self.status_loop())
        traffic = asyncio.ensure_future(self.traffic())
        opening = asyncio.ensure_future(self.open_all())
        stop = asyncio.ensure_future(self.stop.wait())
        await asyncio.wait([opening, stop], return_when=asyncio.FIRST_COMPLETED)
        if opening.done():
            STATS["open_seconds_x10"] = int((time.monotonic() - self.started) * 10)
            if not self.active.is_set():
                self.phase = "open"
            print(json.dumps({"event": "open", "open": self.open,
                              "seconds": round(time.monotonic() - self.started, 1)}), file=sys.stderr, flush=True)
            if self.args.active:
                self.activate()
        await stop
        self.stopping = True
        self.phase = "closing"
        self.write_status()
        opening.cancel()
        traffic.cancel()
        await self.close_all()
        status.cancel()
        self.phase = "done"
        self.write_status()
        print(json.dumps(self.snapshot()), flush=True)

    def activate(self):
        if not self.active.is_set():
            self.active.set()
            self.phase = "active"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/ws")
    p.add_argument("--connections", type=int, default=10000)
    p.add_argument("--open-concurrency", type=int, default=64, help="handshakes in progress at once (default 64)")
    p.add_argument("--ping-interval", type=float, default=20.0,
                   help="seconds between the client's pings on each connection; 0: none (default 20)")
    p.add_argument("--ping-timeout", type=float, default=20.0,
                   help="a ping unanswered this long counts as a ping timeout (default 20)")
    p.add_argument("--echo-rate", type=float, default=50.0, help="echo messages per second in all (default 50)")
    p.add_argument("--deflate-fraction", type=float, default=0.0,
                   help="share of the connections that offer permessage-deflate (default 0)")
    p.add_argument("--active", action="store_true", help="start pings and messages once open, without SIGUSR1")
    p.add_argument("--status", help="file to write the counters to every second")
    p.add_argument("--loop", choices=("auto", "asyncio", "uvloop"), default="auto")
    args = p.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.connections + 256
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(wanted, soft), hard), hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < wanted:
        sys.exit("soak_ws: {} connections need {} descriptors; ulimit -n is {}".format(
            args.connections, wanted, resource.getrlimit(resource.RLIMIT_NOFILE)[0]))
    if args.loop in ("auto", "uvloop"):
        try:
            import uvloop
            uvloop.install()
        except ImportError:
            if args.loop == "uvloop":
                raise
    asyncio.run(Client(args).run())


if __name__ == "__main__":
    main()
