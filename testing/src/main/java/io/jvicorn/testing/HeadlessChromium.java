package io.jvicorn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as the browser tests of the server and the adapters run it: a profile of its own, no
 * sandbox (tests run as root), and nothing that talks to the network beyond the page given. {@link #open} leaves it
 * running on a page (its scripts report back to the server); {@link #command} is the command line for a one-shot run
 * such as {@code --dump-dom} or {@code --screenshot}.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private final Process browser;

    private HeadlessChromium(Process browser) {
        this.browser = browser;
    }

    /** @return whether the browser is installed ({@code apt-get install chromium}) */
    public static boolean available() {
        return Files.isExecutable(EXECUTABLE);
    }

    /**
     * @param profile a directory of the test's own for the browser's profile
     * @param args    further flags, then the URL
     * @return the command line of a headless run
     */
    public static List<String> command(Path profile, String... args) {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Opens {@code url} and leaves the browser running until {@link #close}; its output goes to
     * {@code chromium.log} in {@code dir}.
     *
     * @param dir   a directory of the test's own (the profile and the log go there)
     * @param url   the page
     * @param flags further flags, for example {@code --ignore-certificate-errors} for a test certificate
     * @return the running browser
     * @throws IOException if it cannot start
     */
    public static HeadlessChromium open(Path dir, String url, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of(flags));
        args.add(url);
        Process browser = new ProcessBuilder(command(dir.resolve("profile"), args.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        return new HeadlessChromium(browser);
    }

    /** Stops the browser and its helper processes (forcibly after 10 s). */
    @Override
    public void close() throws InterruptedException {
        browser.descendants().forEach(ProcessHandle::destroy);
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
        }
    }
}
