package io.jvicorn.server.websocket.conformance;

import java.util.function.Supplier;

/**
 * One case of the suite. The script is built only when the case runs, so that the payloads of large cases are not all
 * held at once.
 *
 * @param id          Autobahn's id ("6.4.1"); this suite's own additions have an id with a letter in it ("9.x.2")
 * @param description what the case does
 * @param target      the server it runs against
 * @param large       run only with {@code -Djvicorn.conformance.full=true} (messages above 4 MiB)
 * @param script      builds the script
 */
record ConformanceCase(String id, String description, Target target, boolean large, Supplier<Script> script) {

    /** The servers of the suite. */
    enum Target {
        /** Echoes every message; 16 MiB message limit; permessage-deflate on. */
        ECHO,
        /** Echoes too, with a 64 KiB message limit for the 1009 cases. */
        LIMITED
    }

    static ConformanceCase of(String id, String description, Supplier<Script> script) {
        return new ConformanceCase(id, description, Target.ECHO, false, script);
    }

    /** Whether this case is one of Autobahn's rather than an addition of this suite. */
    boolean autobahn() {
        return id.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch));
    }

    /** The section: the id up to its first dot. */
    String section() {
        return id.substring(0, id.indexOf('.'));
    }
}
