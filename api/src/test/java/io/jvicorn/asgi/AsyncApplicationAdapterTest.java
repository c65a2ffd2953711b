package io.jvicorn.asgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AsyncApplicationAdapterTest {
    private static final LifespanScope SCOPE = new LifespanScope(AsgiVersion.LIFESPAN, Map.of());

    @Test
    void futuresMapOntoBlockingReceiveAndSendInOrder() throws Exception {
        List<SendEvent> sent = new ArrayList<>();
        AsyncApplication async = (scope, receive, send) -> receive.receive().thenCompose(event -> {
            // Three sends without waiting for each other must still arrive in order.
            send.send(new LifespanStartupFailed("1"));
            send.send(new LifespanStartupFailed("2"));
            return send.send(new LifespanStartupFailed("3"));
        });
        Application.fromAsync(async).call(SCOPE, () -> LifespanStartup.INSTANCE, event -> {
            synchronized (sent) {
                sent.add(event);
            }
        });
        assertEquals(List.of(new LifespanStartupFailed("1"), new LifespanStartupFailed("2"), new LifespanStartupFailed("3")), sent);
    }

    @Test
    void failuresPropagateUnwrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        AsyncApplication failing = (scope, receive, send) -> CompletableFuture.failedFuture(boom);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Application.fromAsync(failing).call(SCOPE, () -> LifespanStartup.INSTANCE, event -> { }));
        assertSame(boom, thrown);
    }

    @Test
    void aFailedSendFailsItsFuture() {
        AsyncApplication app = (scope, receive, send) -> send.send(new LifespanStartupComplete());
        ClientDisconnectedException thrown = assertThrows(ClientDisconnectedException.class,
                () -> Application.fromAsync(app).call(SCOPE, () -> LifespanStartup.INSTANCE, event -> {
                    throw new ClientDisconnectedException("gone");
                }));
        assertEquals("gone", thrown.getMessage());
    }
}
