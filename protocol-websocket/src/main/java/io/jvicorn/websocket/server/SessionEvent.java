package io.jvicorn.websocket.server;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * The JFR event {@code jvicorn.WebSocketSession}: one accepted WebSocket, its duration from the application's accept
 * until the session ended. Started only while a recording has it enabled.
 */
@Name("jvicorn.WebSocketSession")
@Label("WebSocket Session")
@Category("jvicorn")
@Description("A WebSocket session, from the application's accept until it ended")
@StackTrace(false)
final class SessionEvent extends Event {
    @Label("Path")
    String path = "";
    @Label("Messages Sent")
    @Description("Messages the application sent")
    long messagesSent;

    /** Looked up on the first event, once JFR runs. */
    private static final class Type {
        static final EventType SESSION = EventType.getEventType(SessionEvent.class);
    }

    /**
     * Called only once {@link io.jvicorn.engine.FlightEvents#recording()}, since initializing this class registers it
     * with JFR.
     *
     * @return a begun event if a recording wants it, else null (and nothing allocated)
     */
    static @Nullable SessionEvent beginIfEnabled() {
        if (!Type.SESSION.isEnabled()) {
            return null;
        }
        SessionEvent event = new SessionEvent();
        event.begin();
        return event;
    }
}
