package io.jvicorn.websocket.server;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
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

    /** Looked up once JFR runs: the lookup itself would start JFR's metadata in a process that records nothing. */
    private static final class Type {
        static final EventType SESSION = EventType.getEventType(SessionEvent.class);
    }

    /** @return a begun event if a recording wants it, else null */
    static @Nullable SessionEvent beginIfEnabled() {
        if (!FlightRecorder.isInitialized() || !Type.SESSION.isEnabled()) {
            return null;
        }
        SessionEvent event = new SessionEvent();
        event.begin();
        return event;
    }
}
