package io.jvicorn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.LifespanStartupFailed;
import io.jvicorn.lifespan.LifespanFailedException;
import io.jvicorn.lifespan.LifespanMode;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TestClientLifespanTest {

    @Test
    void startupStateReachesEveryScopeAndCloseRunsTheShutdown() throws Exception {
        AtomicBoolean shutDown = new AtomicBoolean();
        Application app = (scope, receive, send) -> {
            switch (scope) {
                case LifespanScope life -> {
                    receive.receive();
                    life.state().put("greeting", "hello from startup");
                    send.send(new LifespanStartupComplete());
                    receive.receive();
                    shutDown.set(true);
                    send.send(new LifespanShutdownComplete());
                }
                case HttpScope http -> {
                    send.send(new HttpResponseStart(200, List.of(Header.of("content-type", "text/plain"))));
                    send.send(HttpResponseBody.of((String) http.state().get("greeting")));
                }
                default -> throw new IllegalArgumentException(scope.type());
            }
        };
        try (TestClient client = TestClient.of(app)) {
            assertEquals("hello from startup", client.get("/").text());
            assertFalse(shutDown.get());
        }
        assertTrue(shutDown.get());
    }

    @Test
    void aFailedStartupFailsTheClient() {
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupFailed("no database"));
        };
        LifespanFailedException e = assertThrows(LifespanFailedException.class, () -> TestClient.of(app));
        assertTrue(e.getMessage().contains("no database"), e.getMessage());
    }

    @Test
    void withLifespanOffTheApplicationSeesNoLifespanScope() throws Exception {
        Application app = (scope, receive, send) -> {
            if (scope instanceof LifespanScope) {
                throw new AssertionError("lifespan scope with lifespan off");
            }
            send.send(new HttpResponseStart(204, List.of()));
            send.send(new HttpResponseBody(new byte[0]));
        };
        try (TestClient client = TestClient.builder(app).lifespan(LifespanMode.OFF).build()) {
            assertEquals(204, client.get("/").status());
        }
    }
}
