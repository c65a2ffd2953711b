package io.jvicorn.staticfiles;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Finds files below a root directory so that none outside it is ever named: a path whose symbolic links lead out of the
 * root is absent. Each component below the root is looked at with {@code lstat}; a component that is no symbolic link
 * stays inside the directory that holds it, so a path without links needs nothing more, and its last {@code lstat}
 * gives the file's attributes. Only a symbolic link costs resolving the real path ({@code realpath}, one
 * {@code readlink} per component from {@code /}), which is what every request used to cost.
 *
 * <p>Stateless: safe from any thread.
 */
final class RootedFiles {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /**
     * A file found inside the root.
     *
     * @param path       its path: below the root, symbolic links resolved where there were any
     * @param attributes what one {@code stat} said of it
     */
    record Found(Path path, BasicFileAttributes attributes) {
    }

    private final Path root;

    /** @param root the directory, as a real path (symbolic links resolved) */
    RootedFiles(Path root) {
        this.root = root;
    }

    /**
     * @param relative plain segments joined with {@code /} (no {@code .} or {@code ..}, see {@code RequestedPath}),
     *                 or empty for the root itself
     * @return the file or directory, or null if it is absent, lies outside the root, or cannot be read
     */
    @Nullable Found find(String relative) throws IOException {
        if (relative.isEmpty()) {
            return attributes(root);
        }
        Path directory = root;
        int start = 0;
        while (true) {
            int end = relative.indexOf('/', start);
            Found entry = child(directory, relative.substring(start, end < 0 ? relative.length() : end));
            if (entry == null || end < 0) {
                return entry;
            }
            if (!entry.attributes().isDirectory()) {
                return null; // app.js/x
            }
            directory = entry.path();
            start = end + 1;
        }
    }

    /**
     * @param directory the root, or a directory inside it as {@link #find} gives it
     * @param name      one plain segment
     * @return the entry of that name, or null as {@link #find}
     */
    @Nullable Found child(Path directory, String name) throws IOException {
        Path path = directory.resolve(name);
        Found entry = attributes(path, NOFOLLOW);
        if (entry == null || !entry.attributes().isSymbolicLink()) {
            return entry;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (FileSystemException e) {
            return null; // a dangling link, a loop, or one through something unreadable
        }
        return real.startsWith(root) ? attributes(real) : null;
    }

    /** @return the path with its attributes, or null if it is absent or unreadable */
    private static @Nullable Found attributes(Path path, LinkOption... options) throws IOException {
        try {
            return new Found(path, Files.readAttributes(path, BasicFileAttributes.class, options));
        } catch (FileSystemException e) {
            return null; // absent, a file used as a directory, unreadable, or removed since: not found either way
        }
    }
}
