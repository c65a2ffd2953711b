package io.jvicorn.http11.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The body hand-off on one thread: what each receive gets, and when the loop is paused and resumed. */
class RequestBodyTest {
    private static final Runnable NOTHING = () -> { };

    @Test
    void aBodilessRequestGivesOneEmptyRequestThenWaitsForTheDisconnect() throws InterruptedException {
        RequestBody body = new RequestBody(true);
        assertSame(HttpRequest.EMPTY, body.poll());
        assertNull(body.poll()); // a take() would wait now
        assertEquals(0, body.finish());
        assertSame(HttpDisconnect.INSTANCE, body.take(NOTHING, NOTHING));
        assertSame(HttpDisconnect.INSTANCE, body.poll());
    }

    @Test
    void chunksArriveInOrderAndTheLastSaysSoOnceTheBodyIsComplete() throws InterruptedException {
        RequestBody body = new RequestBody(false);
        assertFalse(body.offer(new byte[] {1}));
        assertFalse(body.offer(new byte[] {2, 3}));
        HttpRequest first = (HttpRequest) body.take(NOTHING, NOTHING);
        assertArrayEquals(new byte[] {1}, first.body());
        assertTrue(first.moreBody());
        body.complete();
        HttpRequest second = (HttpRequest) body.take(NOTHING, NOTHING);
        assertArrayEquals(new byte[] {2, 3}, second.body());
        assertFalse(second.moreBody());
        assertNull(body.poll());
    }

    @Test
    void aCompleteBodyWhoseChunksWereTakenEndsWithAnEmptyRequest() throws InterruptedException {
        RequestBody body = new RequestBody(false);
        body.offer(new byte[] {7});
        assertTrue(((HttpRequest) body.take(NOTHING, NOTHING)).moreBody());
        body.complete();
        assertSame(HttpRequest.EMPTY, body.take(NOTHING, NOTHING));
    }

    @Test
    void theLoopPausesAboveTheHighMarkAndResumesOnceReadDownToTheLowMark() throws InterruptedException {
        RequestBody body = new RequestBody(false);
        int chunk = 16 * 1024;
        for (int i = 0; i < RequestBody.HIGH_WATER / chunk; i++) {
            assertFalse(body.offer(new byte[chunk]), "at " + (i + 1) * chunk + " bytes");
        }
        assertTrue(body.offer(new byte[1]), "above the high mark");
        AtomicInteger resumed = new AtomicInteger();
        Runnable resume = resumed::incrementAndGet;
        body.take(resume, NOTHING); // 48 KiB + 1 left
        body.take(resume, NOTHING); // 32 KiB + 1
        assertEquals(0, resumed.get());
        body.take(resume, NOTHING); // 16 KiB + 1: not yet at the low mark
        assertEquals(0, resumed.get());
        body.take(resume, NOTHING); // 1 byte
        assertEquals(1, resumed.get());
    }

    @Test
    void finishingDropsWhatWasBufferedAndLaterChunksAreIgnored() throws InterruptedException {
        RequestBody body = new RequestBody(false);
        body.offer(new byte[10]);
        body.offer(new byte[5]);
        assertEquals(15, body.finish());
        assertFalse(body.offer(new byte[3]));
        assertSame(HttpDisconnect.INSTANCE, body.take(NOTHING, NOTHING));
    }
}
