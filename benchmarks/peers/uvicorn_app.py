"""The benchmark workloads as a raw ASGI app, for uvicorn (benchmarks/run starts it).

Serves the same bytes as the JVM servers (io.jvicorn.benchmarks.peers.Workloads): every fixed response is
precomputed, so the figures measure the server rather than the app.
"""


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
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


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
        await send({
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/octet-stream"), (b"content-length", str(len(body)).encode())],
        })
        await send({"type": "http.response.body", "body": body})
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
