package io.jvicorn.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Virtual threads carried by a selector loop's own thread instead of the JDK's ForkJoinPool.
 *
 * <p>Why: on the default scheduler every request crosses threads twice (the loop starts the virtual thread on a
 * carrier, waking it with a futex when it sleeps; the carrier writes the response), and that hand-off cost about 40%
 * more CPU per small request than answering on the loop itself (benchmarks/results/profile-vt/). Carried by the loop,
 * a virtual thread runs right after the loop has read its request, on the same core, with no wake-up; when it blocks
 * (reading a body, a full socket, a database call) it unmounts and the loop goes on with its other connections, the
 * way Python's asyncio runs an ASGI app between its reads. An application that computes for long holds up the other
 * connections of its loop, as a Netty handler or an async Python app does; so does one pinned by native code. A thread
 * that something other than its loop wakes (the JDK's poller when a database answers, a timer) continues on a pool,
 * {@link #offLoopCarriers()}, until it waits for its loop again; so database work does not queue behind HTTP.
 *
 * <p>How: the JDK builds virtual threads with a custom scheduler only through a non-public constructor of its virtual
 * thread builder ({@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)}, JDK 21 to 25). It needs {@code
 * --add-opens java.base/java.lang=ALL-UNNAMED} (the jvicorn jar's manifest says so); without it, or on a JDK without
 * that constructor, {@link #available()} is false and connections use the JDK's scheduler. So it is before Java 24:
 * there {@code synchronized} pins a virtual thread to its carrier (JEP 491), and an application blocking inside one
 * would block its loop. A loop tells its own wake-ups from others by the waking thread's carrier, from the
 * package-private {@code Thread.currentCarrierThread()} (without it, by the waking thread itself).
 */
public final class LoopCarriers {
    private static final @Nullable MethodHandle NEW_BUILDER = findBuilderConstructor();
    private static final @Nullable MethodHandle CURRENT_CARRIER = findCurrentCarrier();

    private LoopCarriers() {
    }

    /** @return whether this JVM lets virtual threads be carried by selector loops (see the class comment) */
    public static boolean available() {
        return NEW_BUILDER != null;
    }

    /**
     * @param scheduler runs each virtual thread's continuation; every task it is given must run exactly once, on a
     *                  platform thread
     * @return a factory of unnamed virtual threads scheduled by {@code scheduler}, or null if {@link #available()} is
     *         false
     */
    static @Nullable ThreadFactory factory(Executor scheduler) {
        MethodHandle newBuilder = NEW_BUILDER;
        if (newBuilder == null) {
            return null;
        }
        try {
            Thread.Builder.OfVirtual builder = (Thread.Builder.OfVirtual) newBuilder.invoke(scheduler);
            return builder.inheritInheritableThreadLocals(false).factory();
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * @return the platform thread the caller runs on: its carrier if it is a virtual thread (what a loop must know to
     *         tell a wake-up from its own thread, {@link SelectorLoop}), itself otherwise
     */
    static Thread currentCarrier() {
        MethodHandle currentCarrier = CURRENT_CARRIER;
        if (currentCarrier == null) {
            return Thread.currentThread();
        }
        try {
            return (Thread) currentCarrier.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.currentCarrierThread failed", e);
        }
    }

    /**
     * @return the pool where a loop-carried thread runs when something other than its loop wakes it, or when its loop
     *         has ended (see {@link SelectorLoop})
     */
    static Executor offLoopCarriers() {
        return OffLoopCarriers.POOL;
    }

    /**
     * A FIFO ForkJoinPool like the JDK's virtual-thread scheduler, one per processor, created at first use; idle
     * workers end after a minute. Not the JDK's scheduler itself: there the JDK's socket pollers run too (as virtual
     * threads that yield and poll again while events flow), and the jvicorn command gives it only the processors the
     * loops leave. Measured with JDBC at 256 connections, single query, 2 processors: p99 40 to 52 ms on the JDK's
     * scheduler, 15 to 18 ms on this pool, at 22k to 27k req/s either way.
     */
    private static final class OffLoopCarriers {
        static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                OffLoopCarriers::newWorker, null, true);

        private static ForkJoinWorkerThread newWorker(ForkJoinPool pool) {
            ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            worker.setName("jvicorn-carrier-" + worker.getPoolIndex());
            return worker;
        }
    }

    private static @Nullable MethodHandle findCurrentCarrier() {
        try {
            return MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable MethodHandle findBuilderConstructor() {
        if (Runtime.version().feature() < 24) {
            return null;
        }
        try {
            Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> constructor = builder.getDeclaredConstructor(Executor.class);
            constructor.setAccessible(true); // throws unless java.lang is opened to us
            return MethodHandles.lookup().unreflectConstructor(constructor)
                    .asType(MethodType.methodType(Object.class, Executor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
