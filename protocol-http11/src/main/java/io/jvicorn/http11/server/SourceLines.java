package io.jvicorn.http11.server;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the {@code --debug} page finds the source lines of a stack frame. Implemented outside this module, since it
 * reads files; the page itself stays free of I/O.
 */
public interface SourceLines {
    /**
     * The lines of a frame's source file around its line.
     *
     * @param frame   a stack frame with a file name and a line number
     * @param mayRead whether files may be read now: true on the application's thread, false on a selector loop, where
     *                only what an earlier call found may be answered
     * @return the lines, or null when the source is not found (or not known without reading)
     */
    @Nullable Excerpt around(StackTraceElement frame, boolean mayRead);

    /**
     * Consecutive lines of a source file.
     *
     * @param firstLine the number of the first line, from 1
     * @param lines     the lines, without line terminators
     */
    record Excerpt(int firstLine, List<String> lines) {
        /** Copies the list. */
        public Excerpt {
            lines = List.copyOf(lines);
        }
    }
}
