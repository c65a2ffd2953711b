package io.jvicorn.cli.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadSettingsTest {
    @TempDir
    Path tempDir;

    private Path cwd;

    @BeforeEach
    void createWorkingDirectory() throws IOException {
        cwd = Files.createDirectories(tempDir.toRealPath().resolve("project"));
    }

    private Path dir(String relative) throws IOException {
        return Files.createDirectories(cwd.resolve(relative));
    }

    private ReloadSettings resolve(List<String> dirs, List<String> includes, List<String> excludes) {
        return ReloadSettings.resolve(dirs, includes, excludes, List.of(), cwd);
    }

    @Test
    void defaultsWatchTheWorkingDirectoryForClassesAndJars() {
        ReloadSettings settings = resolve(List.of(), List.of(), List.of());
        assertEquals(List.of(cwd), settings.dirs());
        assertEquals(List.of("*.class", "*.jar"), settings.includes());
        assertEquals(List.of(".*", "*~", ".*.sw?", "*.tmp"), settings.excludes());
        assertEquals(List.of(), settings.excludedDirs());
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void reloadDirsAreResolvedAgainstTheWorkingDirectoryAndSorted() throws IOException {
        Path b = dir("b");
        Path a = dir("a");
        Path outside = Files.createDirectories(tempDir.toRealPath().resolve("outside"));
        ReloadSettings settings = resolve(List.of("b", "a", outside.toString()), List.of(), List.of());
        assertEquals(List.of(a, b, outside).stream().sorted().toList(), settings.dirs());
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void aMissingDirIsSkippedWithAWarning() throws IOException {
        Path a = dir("a");
        ReloadSettings settings = resolve(List.of("a", "missing"), List.of(), List.of());
        assertEquals(List.of(a), settings.dirs());
        assertEquals(List.of("Reload directory 'missing' does not exist, not watching it."), settings.warnings());
    }

    @Test
    void whenNoGivenDirExistsTheWorkingDirectoryIsWatched() {
        ReloadSettings settings = resolve(List.of("missing", "gone"), List.of(), List.of());
        assertEquals(List.of(cwd), settings.dirs());
        assertEquals(List.of("Provided reload directories ['missing', 'gone'] did not contain valid directories, "
                + "watching current working directory."), settings.warnings());
    }

    @Test
    void aFileIsNotADirectoryToWatch() throws IOException {
        Files.writeString(cwd.resolve("notes.txt"), "x");
        ReloadSettings settings = resolve(List.of("notes.txt"), List.of(), List.of());
        assertEquals(List.of(cwd), settings.dirs());
        assertEquals(1, settings.warnings().size());
    }

    @Test
    void subdirectoriesOfWatchedDirsAreDropped() throws IOException {
        Path src = dir("src");
        dir("src/main/java");
        ReloadSettings settings = resolve(List.of("src/main/java", "src", "./src", "src/main/../main"),
                List.of(), List.of());
        assertEquals(List.of(src), settings.dirs());
    }

    @Test
    void symbolicLinksAreResolvedBeforeDeduplicating() throws IOException {
        Path real = dir("real");
        Files.createSymbolicLink(cwd.resolve("link"), real);
        ReloadSettings settings = resolve(List.of("link", "real"), List.of(), List.of());
        assertEquals(List.of(real), settings.dirs());
    }

    @Test
    void anIncludeNamingADirectoryIsWatchedInsteadOfBeingAPattern() throws IOException {
        Path lib = dir("lib");
        ReloadSettings settings = resolve(List.of(), List.of("lib", "*.properties"), List.of());
        // As in Uvicorn, a directory given as include is watched instead of the working directory.
        assertEquals(List.of(lib), settings.dirs());
        assertEquals(List.of("*.class", "*.jar", "*.properties"), settings.includes());
    }

    @Test
    void anExcludeNamingADirectoryExcludesItInsteadOfBeingAPattern() throws IOException {
        Path generated = dir("generated");
        ReloadSettings settings = resolve(List.of(), List.of(), List.of("generated", "*.bak"));
        assertEquals(List.of(generated), settings.excludedDirs());
        assertEquals(List.of(".*", "*~", ".*.sw?", "*.tmp", "*.bak"), settings.excludes());
        assertEquals(List.of(cwd), settings.dirs());
    }

    @Test
    void theHiddenPatternIsAlwaysAPattern() throws IOException {
        dir(".*"); // a directory of that name exists, but ".*" still means hidden files
        ReloadSettings settings = resolve(List.of(), List.of(".*"), List.of());
        assertEquals(List.of(cwd), settings.dirs());
        assertTrue(settings.includes().contains(".*"));
    }

    @Test
    void aWatchedDirInsideAnExcludedDirIsDropped() throws IOException {
        Path src = dir("src");
        dir("build/classes");
        ReloadSettings settings = resolve(List.of("src", "build/classes"), List.of(), List.of("build"));
        assertEquals(List.of(src), settings.dirs());
    }

    @Test
    void anIncludeRemovesTheSameDefaultExclude() {
        ReloadSettings settings = resolve(List.of(), List.of("*.tmp", ".*"), List.of());
        assertEquals(List.of("*~", ".*.sw?"), settings.excludes());
        assertEquals(List.of("*.class", "*.jar", "*.tmp", ".*"), settings.includes());
    }

    @Test
    void anExcludeRemovesTheSameDefaultInclude() {
        ReloadSettings settings = resolve(List.of(), List.of(), List.of("*.jar"));
        assertEquals(List.of("*.class"), settings.includes());
        assertEquals(List.of(".*", "*~", ".*.sw?", "*.tmp", "*.jar"), settings.excludes());
    }

    @Test
    void aPatternGivenAsBothIsExcluded() {
        ReloadSettings settings = resolve(List.of(), List.of("*.xml"), List.of("*.xml"));
        assertEquals(List.of("*.class", "*.jar"), settings.includes());
        assertTrue(settings.excludes().contains("*.xml"));
    }

    @Test
    void anInvalidGlobIsDroppedWithAWarning() {
        ReloadSettings settings = resolve(List.of(), List.of("[abc"), List.of());
        assertEquals(List.of("*.class", "*.jar"), settings.includes());
        assertEquals(1, settings.warnings().size());
        assertTrue(settings.warnings().getFirst().startsWith("Ignoring reload pattern '[abc': "),
                settings.warnings().getFirst());
    }

    @Test
    void anAppDirOutsideTheWatchedDirsIsWatchedToo() throws IOException {
        Path classes = Files.createDirectories(tempDir.toRealPath().resolve("other/target/classes"));
        ReloadSettings settings = ReloadSettings.resolve(List.of(), List.of(), List.of(),
                List.of(Path.of("../other/target/classes")), cwd);
        assertEquals(List.of(classes, cwd).stream().sorted().toList(), settings.dirs());
    }

    @Test
    void anAppDirInsideAWatchedDirAddsNothing() throws IOException {
        dir("target/classes");
        ReloadSettings settings = ReloadSettings.resolve(List.of(), List.of(), List.of(),
                List.of(Path.of("target/classes"), cwd.resolve("target")), cwd);
        assertEquals(List.of(cwd), settings.dirs());
    }

    @Test
    void aJarAppDirWatchesTheJarsDirectory() throws IOException {
        Path libs = Files.createDirectories(tempDir.toRealPath().resolve("libs"));
        Path jar = Files.writeString(libs.resolve("app.jar"), "not really a jar");
        ReloadSettings settings = ReloadSettings.resolve(List.of(), List.of(), List.of(), List.of(jar), cwd);
        assertEquals(List.of(libs, cwd).stream().sorted().toList(), settings.dirs());
    }

    @Test
    void aMissingAppDirIsLeftToTheAppLoader() {
        ReloadSettings settings = ReloadSettings.resolve(List.of(), List.of(), List.of(),
                List.of(Path.of("missing")), cwd);
        assertEquals(List.of(cwd), settings.dirs());
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void anAppDirContainingAWatchedDirReplacesIt() throws IOException {
        Path target = dir("target");
        dir("target/classes");
        ReloadSettings settings = ReloadSettings.resolve(List.of("target/classes"), List.of(), List.of(),
                List.of(target), cwd);
        assertEquals(List.of(target), settings.dirs());
    }

    @Test
    void anAppDirInsideAnExcludedDirIsNotWatched() throws IOException {
        Path src = dir("src");
        dir("build/classes");
        ReloadSettings settings = ReloadSettings.resolve(List.of("src"), List.of(), List.of("build"),
                List.of(Path.of("build/classes")), cwd);
        assertEquals(List.of(src), settings.dirs());
    }
}
