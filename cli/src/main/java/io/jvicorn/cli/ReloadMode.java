package io.jvicorn.cli;

import java.util.Locale;

/** {@code --reload-mode}: how {@code --reload} applies a change. */
enum ReloadMode {
    /** Uvicorn's: a reloader process restarts the server process, which hands over the listening socket. */
    PROCESS,
    /** The server keeps running; the changed classes load in a fresh class loader and new requests move to them. */
    IN_PROCESS;

    /** @return the name as written on the command line: {@code process} or {@code in-process} */
    String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads a mode as written on the command line.
     *
     * @param text {@code process} or {@code in-process}, in any case
     * @return the mode
     * @throws IllegalArgumentException for anything else, naming the choices
     */
    static ReloadMode parse(String text) {
        for (ReloadMode mode : values()) {
            if (mode.cliName().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected one of process, in-process but was '" + text + "'");
    }
}
