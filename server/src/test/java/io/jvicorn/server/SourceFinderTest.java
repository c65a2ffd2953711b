package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jvicorn.http11.server.SourceLines;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the debug page's source lines come from. */
class SourceFinderTest {
    private static final String SHOP = "package com.example;\n\nclass Shop {\n    int total() {\n        throw new X();\n"
            + "    }\n}\n";

    @TempDir
    Path project;

    private static StackTraceElement frame(String className, String file, int line) {
        return new StackTraceElement(className, "m", file, line);
    }

    @Test
    void mavenAndGradleLayoutsLeadFromTheClassesToTheirSources() throws Exception {
        Path maven = Files.createDirectories(project.resolve("a/target/classes"));
        Path mavenSources = Files.createDirectories(project.resolve("a/src/main/java"));
        Path tests = Files.createDirectories(project.resolve("a/target/test-classes"));
        Path testSources = Files.createDirectories(project.resolve("a/src/test/java"));
        Path gradle = Files.createDirectories(project.resolve("b/build/classes/java/main"));
        Path gradleSources = Files.createDirectories(project.resolve("b/src/main/java"));
        Path jar = Files.createFile(project.resolve("lib-1.0.jar"));
        Path sourcesJar = Files.createFile(project.resolve("lib-1.0-sources.jar"));
        Files.createFile(project.resolve("other.jar")); // no sources beside it
        Path given = Files.createDirectories(project.resolve("src"));
        assertEquals(List.of(given, maven, mavenSources, tests, testSources, gradle, gradleSources, sourcesJar),
                SourceFinder.conventionalRoots(List.of(maven, tests, gradle, jar, project.resolve("other.jar"),
                        project.resolve("missing")), List.of(given)));
    }

    @Test
    void aFrameShowsTwoLinesEitherSideFromTheFirstRootThatHasTheFile() throws Exception {
        Path sources = Files.createDirectories(project.resolve("src/com/example"));
        Files.writeString(sources.resolve("Shop.java"), SHOP);
        SourceFinder finder = new SourceFinder(List.of(project.resolve("empty"), project.resolve("src")));
        assertEquals(new SourceLines.Excerpt(3, List.of("class Shop {", "    int total() {",
                "        throw new X();", "    }", "}")), finder.around(frame("com.example.Shop$Cart", "Shop.java", 5),
                true));
        assertEquals(new SourceLines.Excerpt(1, List.of("package com.example;", "", "class Shop {")),
                finder.around(frame("com.example.Shop", "Shop.java", 1), true), "cut at the start");
        assertNull(finder.around(frame("com.example.Shop", "Shop.java", 99), true), "not the file it was built from");
        assertNull(finder.around(frame("com.example.Gone", "Gone.java", 1), true));
        assertNull(finder.around(frame("com.example.Shop", "../Shop.java", 1), true), "file names are plain names");
        assertNull(finder.around(frame("com.example.Shop", null, 1), true));
    }

    @Test
    void onALoopOnlyWhatWasReadBeforeShows() throws Exception {
        Path sources = Files.createDirectories(project.resolve("com/example"));
        Files.writeString(sources.resolve("Shop.java"), SHOP);
        SourceFinder finder = new SourceFinder(List.of(project));
        StackTraceElement frame = frame("com.example.Shop", "Shop.java", 5);
        assertNull(finder.around(frame, false), "not read yet, and a loop may not read");
        SourceLines.Excerpt read = finder.around(frame, true);
        Files.delete(sources.resolve("Shop.java"));
        assertEquals(read, finder.around(frame, false), "remembered");
    }

    @Test
    void sourcesJarsAreReadToo() throws Exception {
        Path jar = project.resolve("lib-sources.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("com/example/Shop.java"));
            zip.write(SHOP.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        SourceFinder finder = new SourceFinder(List.of(jar));
        assertEquals(new SourceLines.Excerpt(4, List.of("    int total() {", "        throw new X();", "    }")),
                new SourceLines.Excerpt(4, finder.around(frame("com.example.Shop", "Shop.java", 5), true).lines()
                        .subList(1, 4)));
    }
}
