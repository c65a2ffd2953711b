"""The benchmark workloads as a raw ASGI app, for uvicorn (benchmarks/run starts it).

Serves the same bytes as the JVM servers (io.jvicorn.benchmarks.peers.Workloads): every fixed response is
precomputed, so the figures measure the server rather than the app. When BENCH_DB_DSN is set, it also serves
TechEmpower's database workloads (/db, /fortunes) with asyncpg, from a pool of BENCH_DB_POOL connections opened at
lifespan start-up; the answers are the bytes of io.jvicorn.benchmarks.db.World and FortunesPage.
"""
import os
import random


def _pattern(length):
    """Byte i is 'a' + i % 26, as in Workloads.pattern."""
    return bytes(97 + i % 26 for i in range(length))


def _fixed(content_type, body):
    start = {
        "type": "http.response.start",
        "status": 200,
        "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())],
    }
    return start, {"type": "http.response.body", "body": body}


FIXED = {
    "/plaintext": _fixed(b"text/plain", b"Hello, world!"),
    "/json": _fixed(b"application/json", b'{"message":"Hello, World!"}'),
    "/10k": _fixed(b"application/octet-stream", _pattern(10 * 1024)),
    "/1m": _fixed(b"application/octet-stream", _pattern(1024 * 1024)),
}
HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
ADDITIONAL_FORTUNE = (0, "Additional fortune added at request time.")
FORTUNES_HEAD = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"
FORTUNES_TAIL = "</table></body></html>"
WORLD_QUERY = "SELECT id, randomnumber FROM world WHERE id = $1"
FORTUNE_QUERY = "SELECT id, message FROM fortune"
_db = None  # the asyncpg pool, once lifespan start-up has opened it

NOT_FOUND = (
    {"type": "http.response.start", "status": 404, "headers": [(b"content-length", b"0")]},
    {"type": "http.response.body", "body": b""},
)


async def app(scope, receive, send):
    kind = scope["type"]
    if kind == "http":
        await _http(scope, receive, send)
    elif kind == "websocket":
        await _websocket(receive, send)
    elif kind == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await _open_database()
                except Exception as e:  # uvicorn exits with this message: the run sees a server that did not start
                    await send({"type": "lifespan.startup.failed", "message": "database: %r" % e})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if _db is not None:
                    await _db.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _open_database():
    global _db
    dsn = os.environ.get("BENCH_DB_DSN")
    if dsn:
        import asyncpg  # only the database workloads need it
        size = int(os.environ.get("BENCH_DB_POOL", "8"))
        _db = await asyncpg.create_pool(dsn, min_size=size, max_size=size)


async def _send_body(send, content_type, body):
    await send({
        "type": "http.response.start",
        "status": 200,
        "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


async def _single_query(send):
    row = await _db.fetchrow(WORLD_QUERY, random.randint(1, 10000))
    await _send_body(send, b"application/json", b'{"id":%d,"randomNumber":%d}' % (row[0], row[1]))


async def _fortunes(send):
    rows = [(r[0], r[1]) for r in await _db.fetch(FORTUNE_QUERY)]
    rows.append(ADDITIONAL_FORTUNE)
    rows.sort(key=lambda row: row[1])
    cells = "".join("<tr><td>%d</td><td>%s</td></tr>" % (i, m.translate(HTML_ESCAPES)) for i, m in rows)
    await _send_body(send, b"text/html; charset=utf-8", (FORTUNES_HEAD + cells + FORTUNES_TAIL).encode())


async def _http(scope, receive, send):
    path = scope["path"]
    if path == "/echo" and scope["method"] == "POST":
        parts = []
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            parts.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(parts)
        await _send_body(send, b"application/octet-stream", body)
        return
    if _db is not None and path == "/db":
        await _single_query(send)
        return
    if _db is not None and path == "/fortunes":
        await _fortunes(send)
        return
    start, body = FIXED.get(path, NOT_FOUND)
    await send(start)
    await send(body)


async def _websocket(receive, send):
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    while True:
        message = await receive()
        if message["type"] == "websocket.receive":
            if message.get("text") is not None:
                await send({"type": "websocket.send", "text": message["text"]})
            else:
                await send({"type": "websocket.send", "bytes": message["bytes"]})
        elif message["type"] == "websocket.disconnect":
            return
