package io.jvicorn.server;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
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

    /**
     * Makes a listening socket of this process also its standard input, which child processes started with an
     * inherited standard input then share ({@code --reload}: each new server process adopts it with {@code fd://0},
     * and connections made while none runs wait in its backlog). The channel keeps its own descriptor.
     *
     * <p>Java does not reveal a channel's descriptor, so it is found among the open ones: the listening socket whose
     * local port (TCP) or path (a unix socket, {@code --uds} with {@code --workers}) is the channel's.
     *
     * @param listener a bound, listening TCP or unix socket
     * @throws IOException if the descriptor is not found (or found twice), or this system is not Linux or macOS
     */
    @SuppressWarnings("restricted") // Linker.downcallHandle: the manifest or --enable-native-access allows it
    static void shareOnStandardInput(java.nio.channels.ServerSocketChannel listener) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        CConstants c = os.startsWith("linux") ? CConstants.LINUX
                : os.startsWith("mac") ? CConstants.MAC_OS : null;
        if (c == null) {
            throw new IOException("handing a listening socket to child processes is supported on Linux and macOS "
                    + "only (this is " + System.getProperty("os.name") + ")");
        }
        java.net.SocketAddress local = listener.getLocalAddress();
        byte[] unixPath = local instanceof java.net.UnixDomainSocketAddress unix
                ? unix.getPath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
        int port = unixPath == null ? ((java.net.InetSocketAddress) local).getPort() : -1;
        boolean linux = c == CConstants.LINUX;
        Linker linker = Linker.nativeLinker();
        MethodHandle getsockopt = linker.downcallHandle(function(linker, 0, "getsockopt"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle getsockname = linker.downcallHandle(function(linker, 0, "getsockname"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle dup2 = linker.downcallHandle(function(linker, 0, "dup2"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        int found = -1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            MemorySegment address = arena.allocate(SOCKADDR_STORAGE);
            for (int fd : openDescriptors()) {
                length.set(JAVA_INT, 0, (int) JAVA_INT.byteSize());
                if (fd == STANDARD_INPUT
                        || (int) getsockopt.invokeExact(fd, c.solSocket(), c.soAcceptConn(), value, length) != 0
                        || value.get(JAVA_INT, 0) == 0) {
                    continue;
                }
                length.set(JAVA_INT, 0, (int) SOCKADDR_STORAGE);
                if ((int) getsockname.invokeExact(fd, address, length) != 0) {
                    continue;
                }
                boolean unixFamily = family(address, linux) == AF_UNIX;
                // sin_port and sin6_port: bytes 2 and 3, in network order, on Linux and macOS alike.
                int boundPort = (Byte.toUnsignedInt(address.get(JAVA_BYTE, 2)) << 8)
                        | Byte.toUnsignedInt(address.get(JAVA_BYTE, 3));
                boolean same = unixPath != null ? unixFamily && hasPath(address, length.get(JAVA_INT, 0), unixPath)
                        : !unixFamily && boundPort == port;
                if (same) {
                    if (found >= 0) {
                        throw new IOException("two listening descriptors (" + found + " and " + fd + ") are "
                                + local + "; cannot tell which is the server's");
                    }
                    found = fd;
                }
            }
            if (found < 0) {
                throw new IOException("the descriptor of the listening socket " + local + " was not found");
            }
            if ((int) dup2.invokeExact(found, STANDARD_INPUT) < 0) {
                throw new IOException("dup2(" + found + ", 0) failed");
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("calling libc failed: " + e, e);
        }
    }

    /** {@code AF_UNIX}, 1 on Linux and macOS alike. */
    private static final int AF_UNIX = 1;

    /**
     * A socket address's family: Linux's {@code sa_family} is a native-order 16-bit number at offset 0; the BSDs' a
     * byte at offset 1, after the length byte.
     */
    private static int family(MemorySegment address, boolean linux) {
        if (!linux) {
            return Byte.toUnsignedInt(address.get(JAVA_BYTE, 1));
        }
        int b0 = Byte.toUnsignedInt(address.get(JAVA_BYTE, 0));
        int b1 = Byte.toUnsignedInt(address.get(JAVA_BYTE, 1));
        return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? b0 | b1 << 8 : b0 << 8 | b1;
    }

    /** Whether a {@code sockaddr_un} of {@code length} bytes holds {@code path} (from offset 2, NUL-ended or not). */
    private static boolean hasPath(MemorySegment address, int length, byte[] path) {
        if (length < 2 + path.length) {
            return false;
        }
        for (int i = 0; i < path.length; i++) {
            if (address.get(JAVA_BYTE, 2 + i) != path[i]) {
                return false;
            }
        }
        return length == 2 + path.length || address.get(JAVA_BYTE, 2 + path.length) == 0;
    }

    /** The size of {@code struct sockaddr_storage}, which holds any socket address. */
    private static final long SOCKADDR_STORAGE = 128;

    /** This process's open descriptors, from {@code /dev/fd} (Linux and macOS), else the first 1024. */
    private static int[] openDescriptors() {
        try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(
                java.nio.file.Path.of("/dev/fd"))) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .mapToInt(Integer::parseInt).sorted().toArray();
        } catch (IOException | RuntimeException e) {
            return java.util.stream.IntStream.range(0, 1024).toArray();
        }
    }

    private static IOException failure(int fd, String reason) {
        return new IOException("--fd " + fd + ": " + reason);
    }

    private static MemorySegment function(Linker linker, int fd, String name) throws IOException {
        return linker.defaultLookup().find(name).orElseThrow(() -> failure(fd, "libc's " + name + " was not found"));
    }
}
