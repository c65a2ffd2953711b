package io.jvicorn.server.signal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ShutdownSignalsTest {
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final ShutdownSignals signals = new ShutdownSignals(
            () -> actions.add("graceful on " + Thread.currentThread().getName()),
            () -> actions.add("force on " + Thread.currentThread().getName()));

    private void awaitActions(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> actions.size() >= count);
    }

    @Test
    void theFirstSignalClosesGracefullyOnItsOwnThread() {
        signals.handle("TERM");
        awaitActions(1);
        assertEquals(List.of("graceful on jvicorn-shutdown"), actions);
    }

    @Test
    void aSecondInterruptForces() {
        signals.handle("INT");
        signals.handle("INT");
        awaitActions(2);
        // Each runs on its own thread, so their order is not fixed.
        assertEquals(Set.of("graceful on jvicorn-shutdown", "force on jvicorn-force-shutdown"), Set.copyOf(actions));
    }

    @Test
    void anInterruptAfterTermForcesButTermNever() {
        signals.handle("TERM");
        signals.handle("TERM");
        awaitActions(1);
        signals.handle("INT");
        awaitActions(2);
        // Both actions are taken: handle() now starts no thread at all, so the count cannot grow.
        signals.handle("INT");
        signals.handle("TERM");
        assertEquals(2, actions.size());
    }
}
