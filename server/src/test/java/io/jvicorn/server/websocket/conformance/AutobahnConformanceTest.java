package io.jvicorn.server.websocket.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.websocket.conformance.ConformanceCase.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WebSocket conformance suite: the cases of the Autobahn testsuite's sections 1-7, 9, 12 and 13 (fuzzing-client
 * mode), plus some of this project's, each on its own connection to a live server over real sockets.
 *
 * <p>All cases start in {@link #startServersAndCases()} on a few threads; each test then waits for its own case's
 * result. Only FAILED fails a test; the other grades are recorded in {@code target/conformance-summary.txt}.
 */
class AutobahnConformanceTest {
    private static final int PARALLEL_CASES = 4;
    private static final Map<String, Future<CaseResult>> RUNS = new ConcurrentHashMap<>();
    private static final ConformanceSummary SUMMARY = new ConformanceSummary();

    private static Server echo;
    private static Server limited;
    private static ExecutorService pool;

    @BeforeAll
    static void startServersAndCases() throws Exception {
        echo = start(new ServerConfig.WebSocketSettings(true, 16 * 1024 * 1024, 32, null, null, true));
        limited = start(new ServerConfig.WebSocketSettings(true, LimitCases.LIMIT, 32, null, null, true));
        pool = Executors.newFixedThreadPool(PARALLEL_CASES, Thread.ofPlatform().name("conformance-", 0).factory());
        for (ConformanceCase c : ConformanceCases.all()) {
            if (!c.large() || ConformanceOptions.full()) {
                int port = c.target() == Target.ECHO ? echo.port() : limited.port();
                RUNS.put(c.id(), pool.submit(() -> CaseRun.run(c, port)));
            }
        }
    }

    private static Server start(ServerConfig.WebSocketSettings webSocket) throws Exception {
        Server server = new Server(ServerConfig.builder(new EchoApp()).port(0).loops(2).accessLog(false)
                .lifespan(LifespanMode.OFF).timeoutGracefulShutdown(Duration.ofSeconds(2)).webSocket(webSocket)
                .build());
        server.start();
        return server;
    }

    static Stream<Named<ConformanceCase>> cases() {
        return ConformanceCases.all().stream().map(c -> Named.of(c.id() + "  " + shorten(c.description()), c));
    }

    private static String shorten(String s) {
        return s.length() <= 90 ? s : s.substring(0, 89) + "…";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 4, unit = TimeUnit.MINUTES) // a case may wait in the queue behind slower ones
    void conforms(ConformanceCase c) throws Exception {
        Future<CaseResult> run = RUNS.get(c.id());
        if (run == null) {
            SUMMARY.skip(c);
            Assumptions.abort("messages above 4 MiB run with -D" + ConformanceOptions.FULL + "=true");
            return;
        }
        CaseResult result = run.get(3, TimeUnit.MINUTES);
        SUMMARY.add(c, result);
        if (result.behavior() == Behavior.FAILED) {
            fail(c.id() + " FAILED: " + result.detail());
        }
    }

    @AfterAll
    static void summary() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (echo != null) {
            echo.close();
        }
        if (limited != null) {
            limited.close();
        }
        String text = SUMMARY.render();
        System.out.print(text);
        SUMMARY.write(Path.of("target", "conformance-summary.txt"));
    }
}
