package io.jvicorn.cli.reload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeFilterTest {
    @TempDir
    Path tempDir;

    private Path root;

    @BeforeEach
    void realRoot() throws IOException {
        root = tempDir.toRealPath();
    }

    private ChangeFilter filter(List<String> includes, List<String> excludes) {
        return new ChangeFilter(ReloadSettings.resolve(List.of(), includes, excludes, List.of(), root));
    }

    @Test
    void aPatternMatchesTheFileNameAtAnyDepth() {
        ChangeFilter filter = filter(List.of(), List.of());
        assertTrue(filter.isRelevantFile(root, root.resolve("App.class")));
        assertTrue(filter.isRelevantFile(root, root.resolve("com/x/App.class")));
        assertFalse(filter.isRelevantFile(root, root.resolve("com/x/App.java")));
    }

    @Test
    void aPatternMatchesThePathRelativeToTheWatchedDir() {
        ChangeFilter filter = filter(List.of("config/*.properties"), List.of("com/generated/*"));
        assertTrue(filter.isRelevantFile(root, root.resolve("config/app.properties")));
        assertFalse(filter.isRelevantFile(root, root.resolve("other/config/app.properties")));
        assertFalse(filter.isRelevantFile(root, root.resolve("com/generated/Stub.class")));
    }

    @Test
    void anExcludeWinsOverAnInclude() {
        ChangeFilter filter = filter(List.of(), List.of("Test*"));
        assertFalse(filter.isRelevantFile(root, root.resolve("TestApp.class")));
        assertFalse(filter.isRelevantFile(root, root.resolve(".App.class")));
    }

    @Test
    void directoriesAreExcludedByNameOrPathButTheWatchedDirNever() throws IOException {
        Path hiddenRoot = Files.createDirectories(root.resolve(".workspace"));
        Files.createDirectories(root.resolve("generated"));
        ChangeFilter filter = filter(List.of(), List.of("generated"));
        assertTrue(filter.isExcludedDirectory(root, root.resolve(".git")));
        assertTrue(filter.isExcludedDirectory(root, root.resolve("generated/sub")));
        assertFalse(filter.isExcludedDirectory(root, root.resolve("target/classes")));
        assertFalse(filter.isExcludedDirectory(hiddenRoot, hiddenRoot));
        assertTrue(filter.isRelevantFile(hiddenRoot, hiddenRoot.resolve("App.class")));
    }
}
