package io.jvicorn.engine;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * The JFR event {@code jvicorn.Connection}: one accepted connection, its duration from the accept until it closed.
 * Started only while a recording has it enabled, so it costs a static read per connection otherwise.
 */
@Name("jvicorn.Connection")
@Label("Connection")
@Category("jvicorn")
@Description("A client connection, from its accept until it closed")
@StackTrace(false)
final class ConnectionEvent extends Event {
    @Label("Remote Address")
    String remoteAddress = "";
    @Label("TLS")
    boolean tls;

    /** Looked up on the first event, once JFR runs. */
    private static final class Type {
        static final EventType CONNECTION = EventType.getEventType(ConnectionEvent.class);
    }

    /**
     * Called only once {@link FlightEvents#recording()}, since initializing this class registers it with JFR.
     *
     * @return a begun event if a recording wants it, else null (and nothing allocated)
     */
    static @Nullable ConnectionEvent beginIfEnabled() {
        if (!Type.CONNECTION.isEnabled()) {
            return null;
        }
        ConnectionEvent event = new ConnectionEvent();
        event.begin();
        return event;
    }
}
