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
     * Resets the signal to {@code SIG_DFL}. Until a handler is installed again, the signal's default action (for INT,
     * ending the process) applies.
     *
     * @param number the signal's number
     * @return null when reset, else why not
     */
    @SuppressWarnings("restricted") // Linker.downcallHandle: the manifest or --enable-native-access allows it
    static @Nullable String restoreDefault(int number) {
        try {
            Linker linker = Linker.nativeLinker();
            MemorySegment function = linker.defaultLookup().find("signal").orElse(null);
            if (function == null) {
                return "libc has no signal function here";
            }
            MethodHandle signal = linker.downcallHandle(function, FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
            MemorySegment previous = (MemorySegment) signal.invokeExact(number, MemorySegment.NULL);
            return previous.address() == SIG_ERR ? "libc's signal(" + number + ", SIG_DFL) failed" : null;
        } catch (Throwable e) { // invokeExact declares Throwable; a refused native access is an IllegalCallerException
            return "calling libc failed: " + e;
        }
    }
}
