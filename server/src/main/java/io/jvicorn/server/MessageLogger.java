package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ConnectionScope;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import io.jvicorn.asgi.Message;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketPing;
import io.jvicorn.asgi.WebSocketPong;
import io.jvicorn.asgi.WebSocketPongReceive;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketSend;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --log-level trace}: logs every scope and every message an application receives and sends, as Uvicorn's
 * MessageLoggerMiddleware does ({@code ASGI [3] Send {type: http.response.start, status: 200, ...}}). Bodies are
 * shown by size only.
 */
final class MessageLogger implements Application {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private final Application app;
    private final AtomicLong ids = new AtomicLong();

    MessageLogger(Application app) {
        this.app = app;
    }

    static boolean enabled() {
        return LOG.isLoggable(System.Logger.Level.TRACE);
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        String prefix = prefix(scope) + "ASGI [" + ids.incrementAndGet() + "] ";
        LOG.log(System.Logger.Level.TRACE, prefix + "Started scope=" + scope.type() + describeScope(scope));
        try {
            app.call(scope, () -> {
                ReceiveEvent event = receive.receive();
                LOG.log(System.Logger.Level.TRACE, prefix + "Receive " + describe(event));
                return event;
            }, event -> {
                LOG.log(System.Logger.Level.TRACE, prefix + "Send " + describe(event));
                send.send(event);
            });
            LOG.log(System.Logger.Level.TRACE, prefix + "Completed");
        } catch (Exception | Error e) {
            LOG.log(System.Logger.Level.TRACE, prefix + "Raised exception");
            throw e;
        }
    }

    private static String prefix(Scope scope) {
        return scope instanceof ConnectionScope c && c.client() != null ? c.client() + " - " : "";
    }

    private static String describeScope(Scope scope) {
        if (scope instanceof ConnectionScope c) {
            return " path=" + c.path() + " headers=<" + c.headers().size() + ">";
        }
        return "";
    }

    static String describe(Message message) {
        String details = switch (message) {
            case HttpRequest m -> "body: <" + m.body().length + " bytes>, more_body: " + m.moreBody();
            case HttpResponseStart m -> "status: " + m.status() + ", headers: <" + m.headers().size() + ">, trailers: " + m.trailers();
            case HttpResponseBody m -> "body: <" + m.body().length + " bytes>, more_body: " + m.moreBody();
            case HttpResponseTrailers m -> "headers: <" + m.headers().size() + ">, more_trailers: " + m.moreTrailers();
            case WebSocketReceive m -> m.text() != null ? "text: <" + m.text().length() + " chars>" : "bytes: <" + m.bytes().length + " bytes>";
            case WebSocketSend m -> m.text() != null ? "text: <" + m.text().length() + " chars>" : "bytes: <" + m.bytes().length + " bytes>";
            case WebSocketAccept m -> "subprotocol: " + m.subprotocol() + ", headers: <" + m.headers().size() + ">";
            case WebSocketHttpResponseStart m -> "status: " + m.status() + ", headers: <" + m.headers().size() + ">";
            case WebSocketHttpResponseBody m -> "body: <" + m.body().length + " bytes>, more_body: " + m.moreBody();
            case WebSocketPing m -> "bytes: <" + m.payload().length + " bytes>";
            case WebSocketPong m -> "bytes: <" + m.payload().length + " bytes>";
            case WebSocketPongReceive m -> "bytes: <" + m.payload().length + " bytes>";
            default -> message.toString().replaceFirst("^[A-Za-z]+\\[", "").replaceFirst("]$", "");
        };
        return details.isEmpty() ? "{type: " + message.type() + "}" : "{type: " + message.type() + ", " + details + "}";
    }
}
