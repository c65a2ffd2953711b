package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/jvicorn}, the launcher script: with the Java that recorded {@code target/jvicorn.aot} it runs the
 * command with that AOT cache; with any other Java it runs the jar plainly. A wrapper in place of {@code bin/java}
 * records the arguments the script passed.
 */
class LauncherScriptIT {
    private static final Path TARGET = Path.of(System.getProperty("jvicorn.jar")).getParent();
    private static final Path LAUNCHER = TARGET.resolve("jvicorn");

    @TempDir
    Path dir;

    /** A JAVA_HOME whose bin/java logs its arguments and runs this test's Java; its release file names {@code version}. */
    private Path javaHome(String version) throws Exception {
        Path home = dir.resolve("jdk-" + version);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("args") + "\"\nexec \""
                + Path.of(System.getProperty("java.home"), "bin", "java") + "\" \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private String run(Path javaHome, String javaOptions) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(LAUNCHER.toString(), "--version")).redirectErrorStream(true);
        builder.environment().putAll(Map.of("JAVA_HOME", javaHome.toString(), "JAVA_OPTS", javaOptions));
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("Running jvicorn "), output);
        return output;
    }

    private String passedArguments() throws Exception {
        return Files.readString(dir.resolve("args"));
    }

    @Test
    void theJavaThatRecordedTheCacheUsesIt() throws Exception {
        Path recorded = TARGET.resolve("jvicorn.aot.java");
        Assumptions.assumeTrue(Files.exists(recorded), "no AOT cache: the build ran on a Java older than 25");
        String output = run(javaHome(Files.readString(recorded).strip()), "-Xlog:aot=info");
        assertTrue(passedArguments().startsWith("-XX:AOTCache=" + TARGET.resolve("jvicorn.aot")), passedArguments());
        assertTrue(output.contains("Using AOT-linked classes: true"), output);
    }

    @Test
    void anotherJavaRunsTheJarPlainly() throws Exception {
        run(javaHome("21.0.99"), "-Dsome.option=1");
        assertEquals("-Dsome.option=1 -jar " + TARGET.resolve("jvicorn.jar") + " --version", passedArguments().strip());
        assertFalse(passedArguments().contains("AOTCache"));
    }
}
