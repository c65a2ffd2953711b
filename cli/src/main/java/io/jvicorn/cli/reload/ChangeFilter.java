package io.jvicorn.cli.reload;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Decides which paths under a watched directory matter, as Uvicorn's watchfiles filter does: a file matters when it
 * matches an include pattern and no exclude pattern; a pattern matches a file's name or its path relative to the
 * watched directory. A directory is not watched when its name or relative path matches an exclude pattern (so
 * {@code .*} skips {@code .git}) or it is inside an excluded directory.
 */
final class ChangeFilter {
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    private final List<Path> excludedDirs;

    /** @param settings the resolved patterns and excluded directories */
    ChangeFilter(ReloadSettings settings) {
        this.includes = matchers(settings.includes());
        this.excludes = matchers(settings.excludes());
        this.excludedDirs = settings.excludedDirs();
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        return globs.stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    }

    /**
     * Whether the watcher should leave a directory out, with everything in it.
     *
     * @param root a watched directory
     * @param dir  a directory inside {@code root}, or {@code root} itself
     * @return never true for {@code root}, whose own name was chosen by the user (a project may well live under a
     *         hidden directory)
     */
    boolean isExcludedDirectory(Path root, Path dir) {
        if (dir.equals(root)) {
            return false;
        }
        return isInExcludedDir(dir) || matchesAny(excludes, root, dir);
    }

    /**
     * Whether a change to a file should reload the application. Files in excluded directories never get here: the
     * watcher does not watch those directories.
     *
     * @param root a watched directory
     * @param file a path inside {@code root} that was created, modified or deleted
     * @return whether the file matches an include pattern and no exclude pattern
     */
    boolean isRelevantFile(Path root, Path file) {
        return matchesAny(includes, root, file) && !matchesAny(excludes, root, file);
    }

    private boolean isInExcludedDir(Path path) {
        return excludedDirs.stream().anyMatch(path::startsWith);
    }

    private static boolean matchesAny(List<PathMatcher> matchers, Path root, Path path) {
        Path name = path.getFileName();
        Path relative = root.relativize(path);
        return matchers.stream().anyMatch(m -> (name != null && m.matches(name)) || m.matches(relative));
    }
}
