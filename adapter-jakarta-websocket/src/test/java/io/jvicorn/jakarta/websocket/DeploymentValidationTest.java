package io.jvicorn.jakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.Reader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Deployment refuses what the specification forbids, naming the method (and parameter) at fault. */
class DeploymentValidationTest {
    private static final String P = DeploymentValidationTest.class.getName();

    private static String refusal(Class<?> endpoint) {
        return assertThrows(DeploymentException.class, () -> new JakartaServerContainer().addEndpoint(endpoint))
                .getMessage();
    }

    @ServerEndpoint("/a")
    public static class TwoTextHandlers {
        @OnMessage
        public void one(String s) {
        }

        @OnMessage
        public void two(Reader r) {
        }
    }

    @ServerEndpoint("/a")
    public static class TwoOnOpen {
        @OnOpen
        public void one() {
        }

        @OnOpen
        public void two(Session s) {
        }
    }

    @ServerEndpoint("/a")
    public static class BadOpenParameter {
        @OnOpen
        public void open(Session s, String notAllowed) {
        }
    }

    @ServerEndpoint("/a")
    public static class ErrorWithoutThrowable {
        @OnError
        public void error(Session s) {
        }
    }

    @ServerEndpoint("/a")
    public static class Undecodable {
        @OnMessage
        public void message(Thread t) {
        }
    }

    @ServerEndpoint("/a")
    public static class PartialReader {
        @OnMessage
        public void message(Reader r, boolean last) {
        }
    }

    @ServerEndpoint("/a")
    public static class Unencodable {
        @OnMessage
        public Thread message(String s) {
            return null;
        }
    }

    @ServerEndpoint("/a")
    public static class NotPublic {
        @OnClose
        void close() {
        }
    }

    @ServerEndpoint("/a")
    public static class PrimitivePathParamNotInPath {
        @OnOpen
        public void open(@PathParam("id") int id) {
        }
    }

    @ServerEndpoint("/a/{id}")
    public static class PathParamOfBadType {
        @OnOpen
        public void open(@PathParam("id") Thread id) {
        }
    }

    @ServerEndpoint("/a")
    public static class NoDefaultConstructor {
        public NoDefaultConstructor(int x) {
        }
    }

    public static class NotAnnotated {
    }

    /** Everything allowed, once each, deploys. */
    @ServerEndpoint("/ok/{id}")
    public static class Fine {
        @OnOpen
        public void open(Session s, @PathParam("id") long id) {
        }

        @OnMessage
        public String text(String s, boolean last, Session session) {
            return s;
        }

        @OnMessage
        public byte[] binary(ByteBuffer b) {
            return new byte[0];
        }

        @OnMessage
        public void pong(PongMessage p) {
        }

        @OnError
        public void error(IllegalStateException e) {
        }

        @OnClose
        public void close() {
        }
    }

    @Test
    void refusesWhatTheSpecificationForbids() throws Exception {
        assertEquals(P + "$TwoTextHandlers.two() and " + P + "$TwoTextHandlers.one() both take text messages; an "
                + "endpoint has at most one @OnMessage per message kind", refusal(TwoTextHandlers.class)
                .replace(P + "$TwoTextHandlers.one() and " + P + "$TwoTextHandlers.two()",
                        P + "$TwoTextHandlers.two() and " + P + "$TwoTextHandlers.one()"));
        assertEquals(P + "$BadOpenParameter.open(): parameter 1 of type java.lang.String is not allowed here "
                + "(allowed: [EndpointConfig, Session] and @PathParam)", refusal(BadOpenParameter.class));
        assertEquals(P + "$ErrorWithoutThrowable.error(): an @OnError method needs a Throwable parameter",
                refusal(ErrorWithoutThrowable.class));
        assertEquals(P + "$Undecodable.message(): no decoder for the message type java.lang.Thread (built in: "
                + "String, Reader, primitives, ByteBuffer, byte[], InputStream, PongMessage)",
                refusal(Undecodable.class));
        assertEquals(P + "$PartialReader.message(): a partial @OnMessage (with boolean 'last') takes String, "
                + "ByteBuffer or byte[], not java.io.Reader", refusal(PartialReader.class));
        assertEquals(P + "$Unencodable.message(): no encoder for the return type java.lang.Thread",
                refusal(Unencodable.class));
        assertEquals(P + "$NotPublic.close() is @OnClose but not public", refusal(NotPublic.class));
        assertEquals(P + "$PrimitivePathParamNotInPath.open(): @PathParam(\"id\") is a primitive but the path /a "
                + "has no such variable", refusal(PrimitivePathParamNotInPath.class));
        assertEquals(P + "$PathParamOfBadType.open(): @PathParam(\"id\") must be a String or a primitive, not "
                + "java.lang.Thread", refusal(PathParamOfBadType.class));
        assertEquals("endpoint class " + P + "$NoDefaultConstructor has no public no-argument constructor (or give "
                + "it a configurator whose getEndpointInstance makes instances)", refusal(NoDefaultConstructor.class));
        assertEquals(P + "$NotAnnotated is not annotated with @ServerEndpoint", refusal(NotAnnotated.class));
        String twoOpen = refusal(TwoOnOpen.class);
        assertEquals(true, twoOpen.endsWith("are both @OnOpen; an endpoint has at most one"), twoOpen);
        new JakartaServerContainer().addEndpoint(Fine.class);
    }
}
