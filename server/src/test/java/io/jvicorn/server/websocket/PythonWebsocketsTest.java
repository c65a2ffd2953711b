package io.jvicorn.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.WebSocketDisconnect;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's python3-websockets client (the library Uvicorn itself builds on) against jvicorn's server. */
class PythonWebsocketsTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CLIENT = """
            import asyncio, sys, websockets

            async def main(url):
                async with websockets.connect(url, compression="deflate", subprotocols=["chat"]) as ws:
                    await ws.send("hello")
                    print("text=" + await ws.recv())
                    await ws.send(bytes([0, 1, 2, 255]))
                    print("bytes=" + (await ws.recv()).hex())
                    big = "abc" * 10000
                    await ws.send(big)
                    print("big=" + str(await ws.recv() == big))
                    print("extensions=" + ",".join(e.name for e in ws.extensions))
                    print("subprotocol=" + str(ws.subprotocol))
                    await ws.close(code=4000, reason="bye")
                    print("close=" + str(ws.close_code))

            asyncio.run(main(sys.argv[1]))
            """;

    /** The client decompresses with a 512-byte window: a back-reference further back fails in zlib. */
    private static final String SMALL_WINDOW_CLIENT = """
            import asyncio, random, sys, websockets
            from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

            async def main(url):
                offer = ClientPerMessageDeflateFactory(server_max_window_bits=9)
                async with websockets.connect(url, extensions=[offer], compression=None) as ws:
                    print("extension=" + repr(ws.extensions[0]))
                    block = "".join(random.choice("abcdefghij") for _ in range(1000))
                    for _ in range(3):
                        await ws.send(block * 10)
                        print("echoed=" + str(await ws.recv() == block * 10))

            asyncio.run(main(sys.argv[1]))
            """;

    @Test
    void keepsToTheServerWindowAClientAsksFor(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new File(PYTHON).canExecute(), "no " + PYTHON);
        Assumptions.assumeTrue(run(List.of(PYTHON, "-c", "import websockets"), dir).exit == 0,
                "python3 cannot import websockets (apt-get install python3-websockets)");
        try (WsTestServer s = WsTestServer.start(new EchoRecorder())) {
            Path script = dir.resolve("client.py");
            Files.writeString(script, SMALL_WINDOW_CLIENT);
            Result r = run(List.of(PYTHON, script.toString(), s.ws("/py").toString()), dir);
            assertEquals(0, r.exit, r.output);
            assertTrue(r.output.contains("remote_max_window_bits=9"), r.output);
            assertEquals(3, r.output.lines().filter("echoed=True"::equals).count(), r.output);
        }
    }

    @Test
    void exchangesMessagesWithCompression(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new File(PYTHON).canExecute(), "no " + PYTHON);
        Assumptions.assumeTrue(run(List.of(PYTHON, "-c", "import websockets"), dir).exit == 0,
                "python3 cannot import websockets (apt-get install python3-websockets)");
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app)) {
            Path script = dir.resolve("client.py");
            Files.writeString(script, CLIENT);
            Result r = run(List.of(PYTHON, script.toString(), s.ws("/py").toString()), dir);
            assertEquals(0, r.exit, r.output);
            assertTrue(r.output.contains("text=hello\n"), r.output);
            assertTrue(r.output.contains("bytes=000102ff\n"), r.output);
            assertTrue(r.output.contains("big=True\n"), r.output);
            assertTrue(r.output.contains("extensions=permessage-deflate\n"), r.output);
            assertTrue(r.output.contains("subprotocol=chat\n"), r.output);
            assertTrue(r.output.contains("close=4000\n"), r.output);
            assertEquals(new WebSocketDisconnect(4000, "bye"), app.disconnect());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python did not finish in 20 s: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
