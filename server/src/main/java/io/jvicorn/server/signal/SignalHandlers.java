package io.jvicorn.server.signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Installs signal handlers, including for a SIGINT inherited as ignored.
 *
 * <p>A shell starts a background job ({@code jvicorn ... &} in a script) with SIGINT ignored, and the JVM then refuses
 * to handle it: {@code Signal.handle} records the handler but leaves the signal ignored, and returns
 * {@link SignalHandler#SIG_IGN}. Uvicorn, whose Python installs its handler regardless, still stops on Ctrl+C or
 * {@code kill -INT}. So when INT comes back as ignored, its disposition is reset to the default through libc
 * ({@link IgnoredSignal}, Java 22 or newer) and the handler installed again.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only JDK API for this; javac warns about it and no lint
 * option silences that warning under {@code --release}.
 */
public final class SignalHandlers {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final String INTERRUPT = "INT";

    private SignalHandlers() {
    }

    /**
     * Prepares, on the calling thread, what {@link #handle} will need if this process inherited SIGINT as ignored:
     * linking libc's {@code signal} costs a cold JVM about 100 ms, which a start-up warm-up thread can spend while the
     * main thread still parses the command line. Does nothing otherwise, or where {@code /proc} does not say.
     */
    public static void prepare() {
        if (interruptIgnored()) {
            IgnoredSignal.prepare();
        }
    }

    /** Whether Linux's {@code /proc/self/status} lists SIGINT (2) among the ignored signals. */
    private static boolean interruptIgnored() {
        try (BufferedReader status = Files.newBufferedReader(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            for (String line = status.readLine(); line != null; line = status.readLine()) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: handle() links when it needs to
        }
        return false;
    }

    /**
     * Handles the named signal from now on.
     *
     * @param name     the signal's name without {@code SIG}, such as {@code INT}
     * @param received gets the signal's name, on the JVM's signal thread
     * @return false if the signal cannot be handled: unknown here, reserved by the JVM (or {@code -Xrs}), or an
     *         inherited ignored SIGINT on a Java that cannot reset it (the reason is logged)
     */
    public static boolean handle(String name, Consumer<String> received) {
        SignalHandler handler = signal -> received.accept(signal.getName());
        try {
            Signal signal = new Signal(name);
            SignalHandler previous = Signal.handle(signal, handler);
            if (previous != SignalHandler.SIG_IGN || !INTERRUPT.equals(name)) {
                // Only INT is taken back: a HUP ignored by nohup is ignored on purpose.
                return previous != SignalHandler.SIG_IGN;
            }
            String failure = IgnoredSignal.restoreDefault(signal.getNumber());
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "SIGINT is ignored, as a shell sets it for a background job, so "
                        + "Ctrl+C and kill -INT will not stop this process (" + failure + "); stop it with SIGTERM");
                return false;
            }
            Signal.handle(signal, handler);
            LOG.log(System.Logger.Level.DEBUG, "SIGINT was inherited as ignored; it is handled now");
            return true;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot handle SIG" + name, e);
            return false;
        }
    }
}
