package io.jvicorn.server;

import java.io.IOException;

/**
 * Makes an inherited listening socket the JVM's standard input, the only descriptor that
 * {@link System#inheritedChannel()} adopts, so that {@code --fd N} works for N other than 0.
 *
 * <p>This is the Java 21 variant: moving a descriptor needs libc's {@code dup2}, which Java reaches without JNI only
 * through the Foreign Function &amp; Memory API, final since Java 22. The variant that does it is compiled from
 * {@code src/main/java22} into {@code META-INF/versions/22} of the multi-release jar; both have the same methods.
 */
final class InheritedDescriptor {
    private InheritedDescriptor() {
    }

    /**
     * Checks that {@code fd} is a listening socket, duplicates it onto descriptor 0 and closes {@code fd}.
     *
     * @param fd an inherited descriptor other than 0
     * @throws IOException always here, starting with {@code --fd N}: this Java, or these classes outside their
     *                     multi-release jar, cannot do it
     */
    static void moveToStandardInput(int fd) throws IOException {
        int feature = Runtime.version().feature();
        throw new IOException(feature < 22
                ? "--fd " + fd + " needs Java 22 or newer (this is Java " + feature + "); on Java 21 pass the socket "
                        + "as standard input and use --fd 0 (systemd: StandardInput=socket in the service unit, "
                        + "with Accept=no in the .socket unit)"
                : "--fd " + fd + " needs the Java 22 part of jvicorn's multi-release jar, but these classes were not "
                        + "loaded from that jar (this is Java " + feature + "); run jvicorn from its jar, or use "
                        + "--fd 0 with the socket as standard input");
    }

    /**
     * Would make a listening socket of this process also its standard input, for child processes to share.
     *
     * @param listener a bound, listening TCP or unix socket
     * @throws IOException always here: this Java, or these classes outside their multi-release jar, cannot do it
     */
    static void shareOnStandardInput(java.nio.channels.ServerSocketChannel listener) throws IOException {
        int feature = Runtime.version().feature();
        throw new IOException(feature < 22 ? "handing a listening socket to child processes needs Java 22 or newer "
                + "(this is Java " + feature + ")"
                : "handing a listening socket to child processes needs the Java 22 part of jvicorn's multi-release "
                        + "jar, but these classes were not loaded from that jar (this is Java " + feature + ")");
    }
}
