/**
 * Prometheus metrics: {@link io.jvicorn.server.metrics.PrometheusMetrics} counts what a server's
 * {@link io.jvicorn.observe.ServerObserver} is told, {@link io.jvicorn.server.metrics.MetricsSnapshot} carries the
 * counts (and adds those of several worker processes), {@link io.jvicorn.server.metrics.PrometheusText} writes them in
 * the text exposition format 0.0.4, and {@link io.jvicorn.server.metrics.MetricsEndpoint} serves that text.
 */
@NullMarked
package io.jvicorn.server.metrics;

import org.jspecify.annotations.NullMarked;
