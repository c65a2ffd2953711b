package io.jvicorn.benchmarks.peers;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.benchmarks.db.Database;
import io.jvicorn.benchmarks.db.FortunesPage;
import java.util.List;

/**
 * jvicorn's side of the database workloads, written as a user writes it: a plain (blocking) {@link Application} whose
 * JDBC calls simply wait, on the request's virtual thread. Every other request goes to the application it wraps.
 */
final class DatabaseApp implements Application {
    private static final Header JSON = Header.of("content-type", Workloads.APPLICATION_JSON);
    private static final Header HTML = Header.of("content-type", FortunesPage.CONTENT_TYPE);

    private final Database db;
    private final Application next;

    /**
     * @param db   the connection pool
     * @param next serves every other path and scope
     */
    DatabaseApp(Database db, Application next) {
        this.db = db;
        this.next = next;
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (scope instanceof HttpScope http) {
            switch (http.path()) {
                case Workloads.DB_PATH -> {
                    send(send, JSON, db.randomWorld().json());
                    return;
                }
                case Workloads.FORTUNES_PATH -> {
                    send(send, HTML, FortunesPage.render(db.fortunes()));
                    return;
                }
                default -> {
                }
            }
        }
        next.call(scope, receive, send);
    }

    private static void send(Send send, Header contentType, byte[] body) throws Exception {
        send.send(new HttpResponseStart(200, List.of(contentType,
                Header.of("content-length", Integer.toString(body.length)))));
        send.send(new HttpResponseBody(body, false));
    }
}
