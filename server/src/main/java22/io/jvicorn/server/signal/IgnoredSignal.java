package io.jvicorn.server.signal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * Resets an ignored signal to its default disposition, so that the JVM agrees to handle it.
 *
 * <p>The Java 22 variant (in {@code META-INF/versions/22} of the multi-release jar): calls libc's {@code signal}
 * through the Foreign Function &amp; Memory API. Calling native code is a restricted operation: the CLI's jar manifest
 * grants it ({@code Enable-Native-Access: ALL-UNNAMED}).
 */
final class IgnoredSignal {
    /** {@code SIG_DFL} is the null function pointer on Linux and macOS; {@code SIG_ERR} is -1. */
    private static final long SIG_ERR = -1;

    private IgnoredSignal() {
    }

    /**
     * Links libc's {@code signal} now. In a cold JVM that takes about 100 ms (the linker generates its stub), so a
     * start-up warm-up thread does it while the main thread is still parsing the command line.
     */
    static void prepare() {
        signal();
    }

    /**
     * Resets the signal to {@code SIG_DFL}. Until a handler is installed again, the signal's default action (for INT,
     * ending the process) applies.
     *
     * @param number the signal's number
     * @return null when reset, else why not
     */
    static @Nullable String restoreDefault(int number) {
        MethodHandle signal = signal().handle();
        if (signal == null) {
            return signal().failure();
        }
        try {
            MemorySegment previous = (MemorySegment) signal.invokeExact(number, MemorySegment.NULL);
            return previous.address() == SIG_ERR ? "libc's signal(" + number + ", SIG_DFL) failed" : null;
        } catch (Throwable e) { // invokeExact declares Throwable
            return "calling libc failed: " + e;
        }
    }

    private static Linked signal() {
        return Libc.SIGNAL;
    }

    /** libc's {@code signal}, linked once, or why it cannot be. */
    private record Linked(@Nullable MethodHandle handle, @Nullable String failure) {
    }

    private static final class Libc {
        static final Linked SIGNAL = link();

        @SuppressWarnings("restricted") // Linker.downcallHandle: the manifest or --enable-native-access allows it
        private static Linked link() {
            try {
                Linker linker = Linker.nativeLinker();
                MemorySegment function = linker.defaultLookup().find("signal").orElse(null);
                if (function == null) {
                    return new Linked(null, "libc has no signal function here");
                }
                return new Linked(linker.downcallHandle(function, FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS)),
                        null);
            } catch (RuntimeException e) { // a refused native access is an IllegalCallerException
                return new Linked(null, "calling libc failed: " + e);
            }
        }
    }
}
