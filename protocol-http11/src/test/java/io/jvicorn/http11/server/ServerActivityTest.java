package io.jvicorn.http11.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.NonBlockingApplication;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Application generations: which one a task starts on, how a retired one is waited for, what the counts say. */
class ServerActivityTest {
    private static final Application APP = (scope, receive, send) -> { };

    private static AppGeneration generation() {
        return new AppGeneration(APP, Map.of(), null);
    }

    @Test
    void tasksStartOnTheServingGenerationAndOldOnesFinishOnTheirs() throws Exception {
        AppGeneration first = generation();
        ServerActivity activity = new ServerActivity(first, 0, null);
        assertSame(first, activity.taskStarted());
        AppGeneration second = generation();
        assertSame(first, activity.replace(second));
        assertTrue(first.retired());
        assertFalse(second.retired());
        assertSame(second, activity.serving());
        assertSame(second, activity.taskStarted());
        assertEquals(2, activity.tasks(), "the old generation's task still counts");
        assertEquals(1, first.running());
        assertFalse(activity.awaitRetired(first, Duration.ZERO), "a task still runs on it");

        CompletableFuture<Boolean> retired = CompletableFuture.supplyAsync(() -> {
            try {
                return activity.awaitRetired(first, null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        activity.taskFinished(first);
        assertTrue(retired.get(30, TimeUnit.SECONDS));
        assertEquals(1, activity.tasks());
        activity.taskFinished(second);
        assertEquals(0, activity.tasks());
        assertTrue(activity.awaitNoTasks(Duration.ZERO));
        assertEquals(2, activity.requests());
    }

    @Test
    void aRetiredGenerationTakesNoNewTask() {
        AppGeneration first = generation();
        ServerActivity activity = new ServerActivity(first, 0, null);
        activity.replace(generation());
        assertFalse(activity.tryTaskStarted(first), "the loop's inline answer looked before the swap");
        assertEquals(0, first.running());
        assertEquals(0, activity.requests(), "a task that did not start is not a request");
    }

    @Test
    void onlyARetiredGenerationCanBeAwaited() {
        AppGeneration first = generation();
        ServerActivity activity = new ServerActivity(first, 0, null);
        assertThrows(IllegalArgumentException.class, () -> activity.awaitRetired(first, Duration.ZERO));
    }

    @Test
    void aReloadableApplicationIsNeverAnsweredOnTheLoop() {
        NonBlockingApplication nonBlocking = (scope, receive, send) -> { };
        assertTrue(new AppGeneration(nonBlocking, Map.of(), null).answersInline());
        assertFalse(new AppGeneration(nonBlocking, Map.of(), getClass().getClassLoader()).answersInline(),
                "the loop thread would take its class loader");
        assertFalse(new AppGeneration(APP, Map.of(), null).answersInline());
    }
}
