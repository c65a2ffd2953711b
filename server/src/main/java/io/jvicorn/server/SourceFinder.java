package io.jvicorn.server;

import io.jvicorn.http11.server.SourceLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Finds the source lines of stack frames for the {@code --debug} page: a frame of {@code com.example.Shop} in
 * {@code Shop.java} is looked up as {@code com/example/Shop.java} in each source root in turn, a directory or a
 * {@code -sources.jar}. Files are read only on the application's thread ({@code mayRead}); every file looked up is
 * remembered (its lines, or that it is missing, up to {@value #MAX_FILES} files), so that a selector loop answers from
 * memory.
 *
 * <p>Any thread may call it.
 */
public final class SourceFinder implements SourceLines {
    /** Files remembered; beyond that the memory is emptied and filled again. */
    static final int MAX_FILES = 256;
    /** Larger files are not shown (a generated one, most likely). */
    static final long MAX_FILE_BYTES = 1 << 20;
    /** Lines shown before and after a frame's line. */
    static final int CONTEXT_LINES = 2;
    private static final List<String> MISSING = List.of();

    private final List<Path> roots;
    /** Relative source path to its lines, or {@link #MISSING}. */
    private final ConcurrentHashMap<String, List<String>> files = new ConcurrentHashMap<>();

    /** @param roots source directories and {@code -sources.jar} files, searched in order */
    public SourceFinder(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** @return the roots searched, in order */
    public List<Path> roots() {
        return roots;
    }

    /**
     * The source roots that go with an application's class path, by the layouts builds use: each source directory
     * given; for a class directory, the directory itself (sources compiled in place), and Maven's and Gradle's source
     * trees beside their output ({@code target/classes} → {@code src/main/java}, {@code target/test-classes} →
     * {@code src/test/java}, {@code build/classes/java/main} → {@code src/main/java}, and {@code test} likewise);
     * for a jar, the {@code -sources.jar} beside it (as Maven repositories and {@code maven-source-plugin} name it).
     * Only roots that exist are kept.
     *
     * @param classPath  the application's class directories and jars ({@code --app-dir})
     * @param sourceDirs directories given as holding sources ({@code --reload-dir})
     * @return existing roots, without duplicates, in that order
     */
    public static List<Path> conventionalRoots(List<Path> classPath, List<Path> sourceDirs) {
        Set<Path> roots = new LinkedHashSet<>();
        for (Path dir : sourceDirs) {
            roots.add(dir.toAbsolutePath().normalize());
        }
        for (Path entry : classPath) {
            Path path = entry.toAbsolutePath().normalize();
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.endsWith(".jar")) {
                roots.add(path.resolveSibling(name.substring(0, name.length() - 4) + "-sources.jar"));
                continue;
            }
            roots.add(path);
            for (String[] layout : new String[][] {
                    {"target/classes", "src/main/java"}, {"target/test-classes", "src/test/java"},
                    {"build/classes/java/main", "src/main/java"}, {"build/classes/java/test", "src/test/java"}}) {
                Path output = Path.of(layout[0]);
                if (path.endsWith(output)) {
                    Path project = path;
                    for (int i = 0; i < output.getNameCount() && project != null; i++) {
                        project = project.getParent();
                    }
                    if (project != null) {
                        roots.add(project.resolve(layout[1]));
                    }
                }
            }
        }
        List<Path> existing = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root) || Files.isRegularFile(root)) {
                existing.add(root);
            }
        }
        return existing;
    }

    @Override
    public @Nullable Excerpt around(StackTraceElement frame, boolean mayRead) {
        String path = sourcePath(frame);
        int line = frame.getLineNumber();
        if (path == null || line < 1) {
            return null;
        }
        List<String> lines = files.get(path);
        if (lines == null) {
            if (!mayRead) {
                return null;
            }
            lines = read(path);
            if (files.size() >= MAX_FILES) {
                files.clear();
            }
            files.put(path, lines);
        }
        if (line > lines.size()) {
            return null; // not the file the class was compiled from
        }
        int from = Math.max(1, line - CONTEXT_LINES);
        int to = Math.min(lines.size(), line + CONTEXT_LINES);
        return new Excerpt(from, lines.subList(from - 1, to));
    }

    /**
     * {@code com/example/Shop.java} for a frame of {@code com.example.Shop$Cart} in {@code Shop.java}; null when the
     * frame names no file, or a file name that is not a plain name (class files can say anything).
     */
    static @Nullable String sourcePath(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file == null || file.isEmpty() || file.contains("/") || file.contains("\\") || file.equals("..")
                || file.equals(".")) {
            return null;
        }
        String className = frame.getClassName();
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? file : className.substring(0, lastDot).replace('.', '/') + "/" + file;
    }

    private List<String> read(String path) {
        for (Path root : roots) {
            try {
                byte[] bytes = Files.isDirectory(root) ? readFile(root.resolve(path)) : readEntry(root, path);
                if (bytes != null) {
                    // Malformed UTF-8 becomes U+FFFD; the page escapes what is left.
                    return List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n|\r", -1));
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable root or file: try the next; the page shows the frame without its lines.
            }
        }
        return MISSING;
    }

    private static byte @Nullable [] readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
            return null;
        }
        return Files.readAllBytes(file);
    }

    private static byte @Nullable [] readEntry(Path jar, String path) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(path);
            if (entry == null || entry.isDirectory() || entry.getSize() > MAX_FILE_BYTES) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // the size may be unknown (-1)
                return bytes.length > MAX_FILE_BYTES ? null : bytes;
            }
        }
    }
}
