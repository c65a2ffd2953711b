"""The ASGI twin of io.jvicorn.examples.ConnectionProbeApp, to run scripts/connection-races against Uvicorn:

    scripts/connection-races --server-command \\
        "/usr/bin/python3 -m uvicorn connection_probe_app:app --app-dir scripts --port {port}"

/error raises before starting the response, /close answers 200 with connection: close, /gone receives until
http.disconnect and returns without responding, /stats counts the /gone calls, any other path is echoed.
"""

ERROR_MESSAGE = "ConnectionProbeApp: /error fails before starting the response"
_gone = {"calls": 0, "disconnected": 0}


async def _respond(send, text, extra=()):
    body = text.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers + list(extra)})
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send):
    if scope["type"] != "http":
        raise ValueError("ConnectionProbeApp serves http scopes only, not " + scope["type"])
    path = scope["path"]
    if path == "/error":
        raise RuntimeError(ERROR_MESSAGE)
    if path == "/close":
        await _respond(send, "/close", [(b"connection", b"close")])
    elif path == "/gone":
        _gone["calls"] += 1
        while (await receive())["type"] != "http.disconnect":
            pass
        _gone["disconnected"] += 1
    elif path == "/stats":
        await _respond(send, "gone=%d disconnected=%d" % (_gone["calls"], _gone["disconnected"]))
    else:
        await _respond(send, path)
