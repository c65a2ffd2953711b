package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jvicorn.cli.Main", "--config", config.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            int port = -1;
            String line;
            while (port < 0 && (line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = RUNNING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "no 'running on' line in " + lines);
            assertTrue(lines.get(0).startsWith("\u001b[32mINFO\u001b[0m:     Started server process ["), lines.get(0));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello\tfrom .env", response.body());
            p.toHandle().destroy();
            drain(out);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not exit after SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void anUnknownConfigKeyExitsWith2() throws Exception {
        Path config = Files.writeString(dir.resolve("jvicorn.properties"), "prot = 8000\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jvicorn.cli.Main", "--config", config.toString(),
                "io.jvicorn.cli.testapps:HelloTestApp").redirectErrorStream(true).start();
        String output = drain(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.startsWith("Error: unknown key 'prot' in " + config + "; valid keys: "), output);
    }

    private static String drain(BufferedReader reader) throws IOException {
        StringBuilder b = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            b.append(line).append('\n');
        }
        return b.toString();
    }
}
