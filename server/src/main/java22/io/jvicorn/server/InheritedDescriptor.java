package io.jvicorn.server;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * Makes an inherited listening socket the JVM's standard input, the only descriptor that
 * {@link System#inheritedChannel()} adopts, so that {@code --fd N} works for N other than 0 (systemd socket activation
 * passes its first socket as descriptor 3).
 *
 * <p>The Java 22 variant (in {@code META-INF/versions/22} of the multi-release jar): calls libc's
 * {@code getsockopt}, {@code dup2} and {@code close} through the Foreign Function &amp; Memory API. Calling native code
 * is a restricted operation: the CLI's jar manifest grants it ({@code Enable-Native-Access: ALL-UNNAMED}); embedders
 * pass {@code --enable-native-access=io.jvicorn.server} (or {@code ALL-UNNAMED} on the class path), else the JVM
 * prints a warning.
 */
final class InheritedDescriptor {
    private static final int STANDARD_INPUT = 0;

    private InheritedDescriptor() {
    }

    /**
     * The socket-option and errno numbers of the C headers, which differ between Linux and the BSDs.
     *
     * @param solSocket    {@code SOL_SOCKET}
     * @param soAcceptConn {@code SO_ACCEPTCONN}: 1 for a listening socket
     * @param eBadF        {@code EBADF}: the descriptor is not open
     * @param eNotSock     {@code ENOTSOCK}: the descriptor is not a socket
     */
    private record CConstants(int solSocket, int soAcceptConn, int eBadF, int eNotSock) {
        static final CConstants LINUX = new CConstants(1, 30, 9, 88);
        static final CConstants MAC_OS = new CConstants(0xffff, 0x0002, 9, 38);
    }

    /**
     * Checks that {@code fd} is a listening socket, duplicates it onto descriptor 0 and closes {@code fd} (unless it is
     * standard output or error). Whatever was standard input is closed by the duplication.
     *
     * @param fd an inherited descriptor other than 0
     * @throws IOException if {@code fd} is not open, not a socket or not listening, or this system is not Linux or
     *                     macOS; the message starts with {@code --fd N:} and says which
     */
    @SuppressWarnings("restricted") // Linker.downcallHandle: the manifest or --enable-native-access allows it
    static void moveToStandardInput(int fd) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        CConstants c = os.startsWith("linux") ? CConstants.LINUX
                : os.startsWith("mac") ? CConstants.MAC_OS : null;
        if (c == null) {
            throw failure(fd, "adopting a descriptor other than 0 is supported on Linux and macOS only (this is "
                    + System.getProperty("os.name") + "); use --bind or --host/--port");
        }
        Linker linker = Linker.nativeLinker();
        StructLayout callState = Linker.Option.captureStateLayout();
        VarHandle errnoHandle = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        Linker.Option captureErrno = Linker.Option.captureCallState("errno");
        MethodHandle getsockopt = linker.downcallHandle(function(linker, fd, "getsockopt"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), captureErrno);
        MethodHandle dup2 = linker.downcallHandle(function(linker, fd, "dup2"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), captureErrno);
        MethodHandle close = linker.downcallHandle(function(linker, fd, "close"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(callState);
            MemorySegment accepting = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) JAVA_INT.byteSize());
            // Checked before dup2, which would otherwise close standard input for a descriptor that cannot serve.
            int result = (int) getsockopt.invokeExact(errno, fd, c.solSocket(), c.soAcceptConn(), accepting, length);
            if (result != 0) {
                int error = (int) errnoHandle.get(errno, 0L);
                if (error == c.eBadF()) {
                    throw failure(fd, "no file descriptor " + fd + " is open in this process (EBADF); start "
                            + "jvicorn from a systemd .socket unit (Accept=no), which passes its first socket as "
                            + "descriptor 3, or from a process that leaves a listening socket open as descriptor "
                            + fd);
                }
                if (error == c.eNotSock()) {
                    throw failure(fd, "file descriptor " + fd + " is not a socket (ENOTSOCK); pass the number of "
                            + "the inherited listening socket (systemd passes its first socket as 3)");
                }
                throw failure(fd, "cannot inspect file descriptor " + fd + ": getsockopt failed with errno "
                        + error);
            }
            if (accepting.get(JAVA_INT, 0) == 0) {
                throw failure(fd, "file descriptor " + fd + " is a socket that is not listening (a connection? "
                        + "with systemd, use Accept=no in the .socket unit)");
            }
            if ((int) dup2.invokeExact(errno, fd, STANDARD_INPUT) < 0) {
                throw failure(fd, "cannot make file descriptor " + fd + " standard input: dup2 failed with errno "
                        + (int) errnoHandle.get(errno, 0L));
            }
            if (fd > 2) {
                // Descriptor 0 now holds the socket; a second descriptor for it would only keep it open longer.
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("--fd " + fd + ": calling libc failed: " + e, e);
        }
    }

    private static IOException failure(int fd, String reason) {
        return new IOException("--fd " + fd + ": " + reason);
    }

    private static MemorySegment function(Linker linker, int fd, String name) throws IOException {
        return linker.defaultLookup().find(name).orElseThrow(() -> failure(fd, "libc's " + name + " was not found"));
    }
}
