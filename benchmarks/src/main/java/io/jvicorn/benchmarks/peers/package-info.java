/**
 * The servers benchmarks/run compares, each a small main serving the same {@link
 * io.jvicorn.benchmarks.peers.Workloads}: jvicorn with {@link io.jvicorn.benchmarks.peers.BenchApp}, Netty, Helidon
 * SE, Jetty, and a naive NIO server that marks the JVM's ceiling.
 */
@NullMarked
package io.jvicorn.benchmarks.peers;

import org.jspecify.annotations.NullMarked;
