package io.jvicorn.jakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's python3-websockets client (compression on, as browsers and Uvicorn's users have it) against annotated
 * endpoints on jvicorn. Skipped when the library is missing, except under CI, which installs it (.ci/run).
 */
class PythonWebsocketsTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CLIENT = """
            import asyncio, sys, websockets

            async def main(base):
                async with websockets.connect(base + "/rooms/py/5?x=1", compression="deflate") as ws:
                    await ws.send("hi")
                    print("rooms=" + await ws.recv())
                    await ws.send(bytes([1, 2]))
                    print("binary=" + (await ws.recv()).hex())
                async with websockets.connect(base + "/points") as ws:
                    await ws.send("1,2")
                    print("blob=" + (await ws.recv()).decode())
                    print("point=" + await ws.recv())
                async with websockets.connect(base + "/double") as ws:
                    await ws.send("x")
                    print("error=" + await ws.recv())
                async with websockets.connect(base + "/close") as ws:
                    await ws.send("bye")
                    try:
                        await ws.recv()
                    except websockets.ConnectionClosed as e:
                        print("close=" + str(e.rcvd.code) + " " + e.rcvd.reason)
                try:
                    async with websockets.connect(base + "/nowhere") as ws:
                        pass
                except websockets.InvalidStatusCode as e:
                    print("refused=" + str(e.status_code))

            asyncio.run(main(sys.argv[1]))
            """;

    @Test
    void pythonClientSeesEveryCallbackKind(@TempDir Path dir) throws Exception {
        boolean ci = System.getenv("CI") != null;
        if (!ci) {
            Assumptions.assumeTrue(new File(PYTHON).canExecute(), "no " + PYTHON);
            Assumptions.assumeTrue(run(List.of(PYTHON, "-c", "import websockets"), dir).exit == 0,
                    "python3 cannot import websockets (apt-get install python3-websockets)");
        }
        JakartaServerContainer container = new JakartaServerContainer();
        container.addEndpoint(TestEndpoints.Rooms.class);
        container.addEndpoint(TestEndpoints.Points.class);
        container.addEndpoint(TestEndpoints.Doubler.class);
        container.addEndpoint(TestEndpoints.Closer.class);
        try (TestServer s = TestServer.start(container.application())) {
            Path script = dir.resolve("client.py");
            Files.writeString(script, CLIENT);
            Result r = run(List.of(PYTHON, script.toString(), "ws://127.0.0.1:" + s.port()), dir);
            assertEquals(0, r.exit, r.output);
            assertEquals(List.of("rooms=py#5:hi", "binary=7f0102", "blob=moving 1", "point=(2,3)",
                    "error=error DecodeException", "close=4001 server says bye", "refused=404"),
                    r.output.lines().toList(), r.output);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python did not finish in 30 s: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
