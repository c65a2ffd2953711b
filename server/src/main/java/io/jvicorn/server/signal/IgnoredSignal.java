package io.jvicorn.server.signal;

import org.jspecify.annotations.Nullable;

/**
 * Resets an ignored signal to its default disposition, so that the JVM agrees to handle it.
 *
 * <p>This is the Java 21 variant: changing a disposition needs libc's {@code signal}, which Java reaches without JNI
 * only through the Foreign Function &amp; Memory API, final since Java 22. The variant that does it is compiled from
 * {@code src/main/java22} into {@code META-INF/versions/22} of the multi-release jar; both have the same methods.
 */
final class IgnoredSignal {
    private IgnoredSignal() {
    }

    /** Nothing to link on this Java. */
    static void prepare() {
    }

    /**
     * Would reset the signal; cannot here.
     *
     * @param number the signal's number
     * @return why it was not reset
     */
    static @Nullable String restoreDefault(int number) {
        int feature = Runtime.version().feature();
        return feature < 22
                ? "taking it back needs Java 22 or newer, this is Java " + feature
                : "taking it back needs the Java 22 part of jvicorn's multi-release jar, and these classes were not "
                        + "loaded from that jar";
    }
}
