/**
 * Supervisor processes: {@code --workers} (several worker processes on one port, restarted when they die or stop
 * answering) and {@code --reload} (one worker, restarted when files change). Workers are the same command started
 * again as child JVMs; they report to the supervisor over a private unix socket ({@link WorkerLink}).
 */
@NullMarked
package io.jvicorn.cli.supervisor;

import org.jspecify.annotations.NullMarked;
