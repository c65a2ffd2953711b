package io.jvicorn.cli.reload;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * What {@code --reload} watches: Uvicorn's {@code --reload-dir}, {@code --reload-include} and
 * {@code --reload-exclude} resolved the way Uvicorn's {@code Config} resolves them, with defaults for compiled Java
 * instead of Python sources.
 *
 * <ul>
 *   <li>The watched directories are the {@code --reload-dir}s, or the working directory when none is given. A
 *       directory that does not exist is skipped with a warning; when none remains, the working directory is
 *       watched.</li>
 *   <li>An include or exclude value naming an existing directory (relative to the working directory) watches or
 *       excludes that directory instead of being a pattern; Uvicorn makes an exception for {@code .*}, which is
 *       always a pattern. A watched directory equal to or inside an excluded one is dropped.</li>
 *   <li>Patterns default to including {@code *.class} and {@code *.jar} and excluding hidden files and directories
 *       ({@code .*}), editor backups and swap files and {@code *.tmp}. A pattern given as include is removed from the
 *       default excludes and vice versa; a pattern given as both is excluded.</li>
 *   <li>jvicorn's addition: every {@code --app-dir} (a class directory, or a jar whose directory is then watched)
 *       outside the watched directories is watched too, so that a class directory elsewhere reloads as well.</li>
 *   <li>Directories inside other watched directories are dropped: watching is recursive.</li>
 * </ul>
 */
public final class ReloadSettings {
    /** Compiled classes and jars: what a build changes when the application should restart. */
    static final List<String> DEFAULT_INCLUDES = List.of("*.class", "*.jar");
    /** Hidden files and directories (such as {@code .git}), editor backups and swap files, temporary files. */
    static final List<String> DEFAULT_EXCLUDES = List.of(".*", "*~", ".*.sw?", "*.tmp");

    /** Uvicorn never treats this pattern as a directory: it would otherwise only ever select hidden directories. */
    private static final String HIDDEN_PATTERN = ".*";

    private final List<Path> dirs;
    private final List<Path> excludedDirs;
    private final List<String> includes;
    private final List<String> excludes;
    private final List<String> warnings;

    private ReloadSettings(List<Path> dirs, List<Path> excludedDirs, List<String> includes, List<String> excludes,
            List<String> warnings) {
        this.dirs = List.copyOf(dirs);
        this.excludedDirs = List.copyOf(excludedDirs);
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Resolves the reload options.
     *
     * @param reloadDirs the {@code --reload-dir} values, relative to {@code cwd} or absolute
     * @param includes   the {@code --reload-include} values: glob patterns or directories
     * @param excludes   the {@code --reload-exclude} values: glob patterns or directories
     * @param appDirs    the {@code --app-dir} values: class directories or jar files
     * @param cwd        the working directory
     * @return the settings, with a warning for each value that was dropped
     */
    public static ReloadSettings resolve(List<String> reloadDirs, List<String> includes, List<String> excludes,
            List<Path> appDirs, Path cwd) {
        Path workingDir = realPath(cwd.toAbsolutePath().normalize());
        List<String> warnings = new ArrayList<>();

        Set<Path> dirs = new LinkedHashSet<>();
        List<String> missingDirs = new ArrayList<>();
        for (String dir : reloadDirs) {
            Path existing = existingDirectory(workingDir, dir);
            if (existing == null) {
                missingDirs.add(dir);
            } else {
                dirs.add(existing);
            }
        }
        Set<String> includePatterns = new LinkedHashSet<>();
        splitDirectories(includes, workingDir, dirs, includePatterns);
        Set<Path> excludedDirs = new LinkedHashSet<>();
        Set<String> excludePatterns = new LinkedHashSet<>();
        splitDirectories(excludes, workingDir, excludedDirs, excludePatterns);
        dirs.removeIf(dir -> isWithinAny(dir, excludedDirs));

        if (dirs.isEmpty()) {
            if (!reloadDirs.isEmpty()) {
                warnings.add("Provided reload directories " + pythonList(reloadDirs)
                        + " did not contain valid directories, watching current working directory.");
            }
            dirs.add(workingDir);
        } else {
            for (String missing : missingDirs) {
                warnings.add("Reload directory '" + missing + "' does not exist, not watching it.");
            }
        }
        for (Path appDir : appDirs) {
            Path watched = appDirectory(workingDir, appDir);
            if (watched != null && !isWithinAny(watched, dirs) && !isWithinAny(watched, excludedDirs)) {
                dirs.add(watched);
            }
        }

        Set<String> finalIncludes = new LinkedHashSet<>(DEFAULT_INCLUDES);
        finalIncludes.addAll(includePatterns);
        finalIncludes.removeAll(excludePatterns);
        Set<String> finalExcludes = new LinkedHashSet<>(DEFAULT_EXCLUDES);
        finalExcludes.removeAll(includePatterns);
        finalExcludes.addAll(excludePatterns);
        dropInvalidGlobs(finalIncludes, warnings);
        dropInvalidGlobs(finalExcludes, warnings);

        return new ReloadSettings(outermost(dirs), List.copyOf(excludedDirs), List.copyOf(finalIncludes),
                List.copyOf(finalExcludes), warnings);
    }

    /** Sends each value that names an existing directory to {@code dirs} and every other one to {@code patterns}. */
    private static void splitDirectories(List<String> values, Path workingDir, Set<Path> dirs, Set<String> patterns) {
        for (String value : values) {
            Path dir = HIDDEN_PATTERN.equals(value) ? null : existingDirectory(workingDir, value);
            if (dir == null) {
                patterns.add(value);
            } else {
                dirs.add(dir);
            }
        }
    }

    /** The directory an {@code --app-dir} makes worth watching: itself, or the directory of a jar. */
    private static @Nullable Path appDirectory(Path workingDir, Path appDir) {
        Path path = workingDir.resolve(appDir).normalize();
        if (Files.isRegularFile(path)) {
            path = path.getParent();
        }
        return path != null && Files.isDirectory(path) ? realPath(path) : null;
    }

    private static @Nullable Path existingDirectory(Path workingDir, String value) {
        try {
            Path path = workingDir.resolve(value).normalize();
            return Files.isDirectory(path) ? realPath(path) : null;
        } catch (InvalidPathException e) {
            return null; // not a path at all, so a pattern
        }
    }

    /** Resolves symbolic links (as Uvicorn's {@code Path.resolve()} does) so that nesting and equality are exact. */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private static boolean isWithinAny(Path dir, Set<Path> parents) {
        return parents.stream().anyMatch(dir::startsWith);
    }

    /** The directories not inside another one, sorted so that the log line naming them is stable. */
    private static List<Path> outermost(Set<Path> dirs) {
        return dirs.stream()
                .filter(dir -> dirs.stream().noneMatch(other -> !other.equals(dir) && dir.startsWith(other)))
                .sorted()
                .toList();
    }

    /** Python's fnmatch accepts any pattern; Java's glob syntax does not, so an unusable one is dropped loudly. */
    private static void dropInvalidGlobs(Set<String> patterns, List<String> warnings) {
        patterns.removeIf(pattern -> {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                return false;
            } catch (PatternSyntaxException e) {
                warnings.add("Ignoring reload pattern '" + pattern + "': " + e.getDescription() + ".");
                return true;
            }
        });
    }

    /** Formats values as Python prints a list of strings, for Uvicorn's warning text. */
    private static String pythonList(List<String> values) {
        return values.stream().map(value -> "'" + value + "'").toList().toString();
    }

    /** @return the directories to watch recursively: absolute, real, none inside another, sorted */
    public List<Path> dirs() {
        return dirs;
    }

    /** @return directories never to watch, nor anything inside them: absolute and real */
    public List<Path> excludedDirs() {
        return excludedDirs;
    }

    /** @return glob patterns of which a changed file must match one, by name or by path relative to its watched dir */
    public List<String> includes() {
        return includes;
    }

    /** @return glob patterns of which a changed file, or a directory to watch, must match none */
    public List<String> excludes() {
        return excludes;
    }

    /** @return messages for the caller to log at WARNING, in order */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "ReloadSettings[dirs=" + dirs + ", excludedDirs=" + excludedDirs + ", includes=" + includes
                + ", excludes=" + excludes + "]";
    }
}
