/**
 * The servers benchmarks/run compares, each a small main serving the same {@link
 * io.jvicorn.benchmarks.peers.Workloads}: jvicorn with {@link io.jvicorn.benchmarks.peers.BenchApp} (and {@code
 * DatabaseApp} for the database workloads), Netty, Helidon SE, Jetty, and two naive
 * servers, NIO and virtual threads, that mark the JVM's ceilings. Each takes {@link
 * io.jvicorn.benchmarks.peers.ServerArgs}.
 */
@NullMarked
package io.jvicorn.benchmarks.peers;

import org.jspecify.annotations.NullMarked;
