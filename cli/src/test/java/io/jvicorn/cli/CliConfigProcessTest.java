package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --config, --env-file and --use-colors through a real jvicorn process. */
class CliConfigProcessTest {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path dir;

    private static String toml(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\") + "\"";
    }

    @Test
    void aConfigFileNamesTheAppTheEnvFileAndColours() throws Exception {
        Path env = Files.writeString(dir.resolve("app.env"), "export GREETING=\"hello\\tfrom .env\" # for the app\n");
        Path config = Files.writeString(dir.resolve("jvicorn.toml"), String.join("\n",
                "app = \"io.jvicorn.cli.testapps:EnvTestApp\"",
                "port = 0",
                "use_colors = true",
                "lifespan = \"off\"",
                "env-file = " + toml(env), ""));
        Process p = JvicornProcess.start("--config", config.toString());
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = Integer.parseInt(JvicornProcess.awaitLine(out, RUNNING, lines).group(1));
            assertTrue(lines.get(0).startsWith("\u001b[32mINFO\u001b[0m:     Started server process ["), lines.get(0));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello\tfrom .env", response.body());
            p.toHandle().destroy();
            JvicornProcess.drain(out);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not exit after SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void anUnknownConfigKeyExitsWith2() throws Exception {
        Path config = Files.writeString(dir.resolve("jvicorn.properties"), "prot = 8000\n");
        Process p = JvicornProcess.start("--config", config.toString(), "io.jvicorn.cli.testapps:HelloTestApp");
        String output = JvicornProcess.drain(JvicornProcess.output(p));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.startsWith("Error: unknown key 'prot' in " + config + "; valid keys: "), output);
    }
}
