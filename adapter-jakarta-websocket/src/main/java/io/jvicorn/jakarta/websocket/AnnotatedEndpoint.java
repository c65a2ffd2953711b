package io.jvicorn.jakarta.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.util.Map;

/**
 * An annotated endpoint instance seen as a programmatic {@link Endpoint}: {@code onOpen} registers one message handler
 * per {@code @OnMessage} method and calls {@code @OnOpen}; the other callbacks call their methods. A value an
 * {@code @OnMessage} method returns is sent back with {@code sendObject}. Called on the connection's thread only.
 */
final class AnnotatedEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final AnnotatedModel model;
    private final Object instance;
    private final Map<String, String> path;

    AnnotatedEndpoint(AnnotatedModel model, Object instance, Map<String, String> path) {
        this.model = model;
        this.instance = instance;
        this.path = path;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        JakartaSession s = (JakartaSession) session;
        for (AnnotatedModel.MessageMethod m : model.onMessage) {
            MessageHandler handler = m.partial() ? partial(session, m) : whole(session, m);
            s.handlers.add(handler, m.messageType(), m.partial(), m.maxSize());
        }
        MethodCall open = model.onOpen;
        if (open != null) {
            MethodCall.Args args = args(session);
            args.config = config;
            call(open, args);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        MethodCall close = model.onClose;
        if (close != null) {
            MethodCall.Args args = args(session);
            args.closeReason = closeReason;
            call(close, args);
        }
    }

    @Override
    public void onError(Session session, Throwable thr) {
        MethodCall error = model.onError;
        if (error == null || !error.accepts(thr)) {
            LOG.log(System.Logger.Level.ERROR, "Error in WebSocket endpoint " + model.type.getName()
                    + " (it has no @OnError method for it)", thr);
            return;
        }
        MethodCall.Args args = args(session);
        args.throwable = thr;
        try {
            error.invoke(instance, args);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "@OnError method of " + model.type.getName() + " failed", e);
        }
    }

    private MethodCall.Args args(Session session) {
        MethodCall.Args args = new MethodCall.Args();
        args.session = session;
        args.path = path;
        return args;
    }

    /** Calls a lifecycle method; what it throws goes to {@code @OnError}, as the specification asks. */
    private void call(MethodCall method, MethodCall.Args args) {
        try {
            method.invoke(instance, args);
        } catch (Exception e) {
            if (args.session != null) {
                onError(args.session, e);
            }
        }
    }

    private MessageHandler whole(Session session, AnnotatedModel.MessageMethod m) {
        return (MessageHandler.Whole<Object>) message -> deliver(session, m, message, true);
    }

    private MessageHandler partial(Session session, AnnotatedModel.MessageMethod m) {
        return (MessageHandler.Partial<Object>) (message, last) -> deliver(session, m, message, last);
    }

    /** Runs in the dispatcher's try: what the method throws reaches {@code onError}. */
    private void deliver(Session session, AnnotatedModel.MessageMethod m, Object message, boolean last) {
        MethodCall.Args args = args(session);
        args.message = message;
        args.last = last;
        Object reply;
        try {
            reply = m.call().invoke(instance, args);
            if (reply != null) {
                session.getBasicRemote().sendObject(reply);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EndpointFailure(e);
        }
    }

    /** Carries a checked exception out of a {@link MessageHandler}; the dispatcher unwraps it for onError. */
    static final class EndpointFailure extends RuntimeException {
        EndpointFailure(Exception cause) {
            super(cause);
        }
    }
}
