package io.jvicorn.cli;

import io.jvicorn.asgi.Application;
import io.jvicorn.staticfiles.StaticFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Granian's static file options, mixed into {@link CliOptions}: the server answers a route from a directory. */
final class StaticFileOptions {
    @Option(names = "--static-path-mount", paramLabel = "DIR",
            description = "Serve the files of DIR under --static-path-route before the application sees the request: "
                    + "sendfile, ETag and Last-Modified with 304, byte ranges, precompressed .br/.gz siblings, "
                    + "index.html for directories; paths with .. or encoded slashes are refused. Default: off.")
    @Nullable Path mount;

    @Option(names = "--static-path-route", paramLabel = "PATH", defaultValue = "/static",
            description = "The path prefix that --static-path-mount serves. Default: ${DEFAULT-VALUE}.")
    String route = "/static";

    @Option(names = "--static-path-expires", paramLabel = "SECONDS", defaultValue = "86400",
            converter = Converters.NonNegativeInt.class,
            description = "Cache-Control max-age of static files (0: revalidate every time). Default: ${DEFAULT-VALUE}.")
    int expires = 86400;

    /**
     * @param app the application
     * @return {@code app} behind the static files, or {@code app} itself when no directory is mounted
     * @throws IllegalArgumentException naming the option, when the route or the directory is unusable
     */
    Application wrap(Application app) {
        if (mount == null) {
            return app;
        }
        try {
            return new StaticFiles(route, mount, Duration.ofSeconds(expires), app);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--static-path-mount/--static-path-route: " + e.getMessage(), e);
        }
    }
}
