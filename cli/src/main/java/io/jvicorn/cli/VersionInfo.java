package io.jvicorn.cli;

/** What {@code --version} prints, in Uvicorn's words. */
final class VersionInfo {
    /** jvicorn's release. */
    static final String VERSION = "0.1.0";

    private VersionInfo() {
    }

    /** @return {@code Running jvicorn 0.1.0 with <JVM name> <Java version> on <OS>} */
    static String line() {
        return "Running jvicorn " + VERSION + " with " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + " on " + System.getProperty("os.name");
    }
}
