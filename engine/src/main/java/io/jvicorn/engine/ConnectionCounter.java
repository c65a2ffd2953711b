package io.jvicorn.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts open connections across loops so shutdown can wait for zero without polling. */
final class ConnectionCounter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();
    private int open;

    void opened() {
        lock.lock();
        try {
            open++;
        } finally {
            lock.unlock();
        }
    }

    void closed() {
        lock.lock();
        try {
            if (--open == 0) {
                zero.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    int open() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** @return true if the count reached zero before the deadline; a negative timeout waits forever */
    boolean awaitZero(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (open > 0) {
                if (timeoutNanos < 0) {
                    zero.await();
                } else {
                    if (left <= 0) {
                        return false;
                    }
                    left = zero.awaitNanos(left);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    static long toNanos(java.time.Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
