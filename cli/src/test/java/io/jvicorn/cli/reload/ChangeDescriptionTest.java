package io.jvicorn.cli.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChangeWatcher#describe}: the paths in "WatchFiles detected changes in ... Reloading...". */
class ChangeDescriptionTest {
    private final Path cwd = Path.of("/work/project");

    @Test
    void pathsInsideTheWorkingDirectoryAreRelativeAndQuoted() {
        assertEquals("'target/classes/com/x/App.class', 'b.jar'", ChangeWatcher.describe(
                List.of(cwd.resolve("target/classes/com/x/App.class"), cwd.resolve("b.jar")), cwd));
    }

    @Test
    void pathsOutsideTheWorkingDirectoryStayAbsolute() {
        assertEquals("'/work/other/App.class'", ChangeWatcher.describe(List.of(Path.of("/work/other/App.class")), cwd));
    }

    @Test
    void theWorkingDirectoryItselfIsADot() {
        assertEquals("'.'", ChangeWatcher.describe(List.of(cwd), cwd));
    }

    @Test
    void afterFivePathsTheRestIsElided() {
        List<Path> changed = IntStream.rangeClosed(1, 7).mapToObj(i -> cwd.resolve("C" + i + ".class")).toList();
        assertEquals("'C1.class', 'C2.class', 'C3.class', 'C4.class', 'C5.class', ...",
                ChangeWatcher.describe(changed, cwd));
        assertEquals(5, ChangeWatcher.describe(changed.subList(0, 5), cwd).split(", ").length);
    }

    @Test
    void aWorkingDirectoryGivenThroughALinkStillGivesRelativePaths(@TempDir Path tempDir) throws IOException {
        Path real = Files.createDirectories(tempDir.toRealPath().resolve("real"));
        Path link = Files.createSymbolicLink(tempDir.resolve("link"), real);
        assertEquals("'App.class'", ChangeWatcher.describe(List.of(real.resolve("App.class")), link));
    }
}
