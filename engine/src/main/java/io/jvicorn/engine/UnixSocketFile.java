package io.jvicorn.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The file of a unix socket the engine binds, handled as Uvicorn does: a stale socket file left by a dead server is
 * replaced, the new socket gets mode 0666 unless a file was already there (then its mode is kept), and the file is
 * removed when the listener closes. Public for a process that binds a unix socket for others to accept on (the
 * supervisor of {@code --workers}).
 */
public final class UnixSocketFile {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final Set<PosixFilePermission> WORLD_READ_WRITE = PosixFilePermissions.fromString("rw-rw-rw-");
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final Path path;
    private final @Nullable Set<PosixFilePermission> previousMode;

    private UnixSocketFile(Path path, @Nullable Set<PosixFilePermission> previousMode) {
        this.path = path;
        this.previousMode = previousMode;
    }

    /**
     * Makes way for binding {@code path}.
     *
     * @param path the socket path
     * @return the file, to {@link #applyMode()} after binding and {@link #delete()} after closing
     * @throws BindException if the path is not a socket, or a live server listens on it
     * @throws IOException   if the stale file cannot be removed
     */
    public static UnixSocketFile prepare(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new UnixSocketFile(path, null);
        }
        if (!isSocket(path)) {
            throw new BindException(path + " exists and is not a socket: remove it or choose another path");
        }
        if (isListening(path)) {
            throw new BindException("Address already in use: a server is listening on unix socket " + path);
        }
        Set<PosixFilePermission> mode = modeOf(path);
        Files.delete(path); // stale: left behind by a server that did not shut down cleanly
        return new UnixSocketFile(path, mode);
    }

    /**
     * Sets the mode of the freshly bound socket file.
     *
     * @throws IOException if the mode cannot be set
     */
    public void applyMode() throws IOException {
        try {
            Files.setPosixFilePermissions(path, previousMode != null ? previousMode : WORLD_READ_WRITE);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the mode is whatever the OS gave.
        }
    }

    /** Removes the socket file; the listener is closed. */
    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove unix socket file {0}: {1}", path, e.getMessage());
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & FILE_TYPE_MASK) == SOCKET_TYPE;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    private static boolean isListening(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false; // connection refused: nobody accepts on it any more
        }
    }

    private static @Nullable Set<PosixFilePermission> modeOf(Path path) throws IOException {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
