/**
 * Load clients and probes for the workloads wrk cannot drive: WebSocket echo, memory held by idle keep-alive
 * connections, and time from process start to the first response.
 */
@NullMarked
package io.jvicorn.benchmarks.load;

import org.jspecify.annotations.NullMarked;
