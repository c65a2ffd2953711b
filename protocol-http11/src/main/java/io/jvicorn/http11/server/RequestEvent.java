package io.jvicorn.http11.server;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * The JFR event {@code jvicorn.Request}: one HTTP request, its duration the application's run until the response was
 * complete. Made and committed through {@link RequestObservations}; started only while a recording has it enabled, so it costs a static read per request otherwise.
 */
@Name("jvicorn.Request")
@Label("HTTP Request")
@Category("jvicorn")
@Description("An HTTP request run by the application, from its call until the response was complete")
@StackTrace(false)
public final class RequestEvent extends Event {
    @Label("Method")
    String method = "";
    @Label("Path")
    String path = "";
    @Label("Status")
    @Description("The response status; 0 if none was sent")
    int status;
    @Label("Bytes In")
    @Description("Request body bytes received")
    @DataAmount
    long bytesIn;
    @Label("Bytes Out")
    @Description("Response body bytes sent")
    @DataAmount
    long bytesOut;

    /** Looked up on the first event, once JFR runs. */
    private static final class Type {
        static final EventType REQUEST = EventType.getEventType(RequestEvent.class);
    }

    /**
     * Called only once {@link io.jvicorn.engine.FlightEvents#recording()}, since initializing this class registers it
     * with JFR.
     *
     * @return a begun event if a recording wants it, else null (and nothing allocated)
     */
    static @Nullable RequestEvent beginIfEnabled() {
        if (!Type.REQUEST.isEnabled()) {
            return null;
        }
        RequestEvent event = new RequestEvent();
        event.begin();
        return event;
    }
}
