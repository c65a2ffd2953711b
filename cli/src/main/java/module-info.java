/** The {@code jvicorn} command: Uvicorn's command line for jvicorn applications. */
module io.jvicorn.cli {
    requires static org.jspecify;
    requires io.jvicorn.server;
    requires io.jvicorn.staticfiles;
    requires info.picocli;
    requires java.logging;
    requires java.management;
    requires jdk.unsupported;
    exports io.jvicorn.cli;
    opens io.jvicorn.cli to info.picocli;
}
