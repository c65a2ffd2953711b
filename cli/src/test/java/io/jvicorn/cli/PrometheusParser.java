package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes an endpoint with a real Prometheus text parser: Debian's {@code python3-prometheus-client}
 * ({@code prometheus_client.parser.text_string_to_metric_families}), run with {@code /usr/bin/python3}.
 */
final class PrometheusParser {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = """
            import sys, urllib.request
            from prometheus_client.parser import text_string_to_metric_families
            response = urllib.request.urlopen(sys.argv[1], timeout=10)
            print("content-type\\t" + response.headers["content-type"])
            for family in text_string_to_metric_families(response.read().decode("utf-8")):
                print("type:" + family.name + "\\t" + family.type)
                for s in family.samples:
                    labels = "".join("|%s=%s" % (k, v) for k, v in sorted(s.labels.items()))
                    print(s.name + labels + "\\t" + repr(s.value))
            """;

    private PrometheusParser() {
    }

    /** Skips the test outside CI when the parser is missing; fails in CI, whose script installs it. */
    static void assumeAvailable() throws IOException, InterruptedException {
        String missing = null;
        if (!new File(PYTHON).canExecute()) {
            missing = "no " + PYTHON;
        } else {
            Process p = new ProcessBuilder(PYTHON, "-c", "import prometheus_client.parser").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing = "python3 cannot import prometheus_client (apt-get install python3-prometheus-client)";
            }
        }
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail(missing + "; .ci/run installs it");
            }
            assumeTrue(false, missing);
        }
    }

    /**
     * @param url the endpoint
     * @return per sample ({@code name|label=value|...}) its value as Python prints a float, {@code type:FAMILY} the
     *         family's type, and {@code content-type}
     */
    static Map<String, String> scrape(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", SCRIPT, url).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("the Prometheus parser failed on " + url + ":\n" + err + out);
        }
        Map<String, String> samples = new HashMap<>();
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                samples.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return samples;
    }

    /** @return the sample's value, 0 when absent */
    static double value(Map<String, String> samples, String sample) {
        String value = samples.get(sample);
        return value == null ? 0 : Double.parseDouble(value);
    }
}
