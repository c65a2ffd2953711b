package io.jvicorn.cli.supervisor;

import java.nio.file.Path;
import java.util.List;

/** What a supervisor's loop reacts to; each arrives through one bounded queue, so the loop alone changes state. */
sealed interface SupervisorEvent {
    /**
     * A signal reached the supervisor.
     *
     * @param name {@code INT}, {@code TERM}, {@code HUP}, {@code TTIN} or {@code TTOU}
     */
    record Signalled(String name) implements SupervisorEvent {
    }

    /**
     * A worker listens and serves.
     *
     * @param pid its process id
     */
    record WorkerServing(long pid) implements SupervisorEvent {
    }

    /**
     * A worker process ended.
     *
     * @param worker   the worker
     * @param exitCode its exit code (128 + signal number when a signal ended it)
     */
    record WorkerExited(Worker worker, int exitCode) implements SupervisorEvent {
    }

    /**
     * Watched files changed ({@code --reload}).
     *
     * @param paths the changed files
     */
    record FilesChanged(List<Path> paths) implements SupervisorEvent {
    }
}
