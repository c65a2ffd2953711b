package io.jvicorn.jakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

    @Test
    void matchesLiteralAndVariableSegments() throws Exception {
        UriTemplate t = UriTemplate.parse("/chat/{room}/users/{user}");
        assertEquals(Map.of("room", "a", "user", "b"), t.match("/chat/a/users/b"));
        assertEquals(List.of("room", "user"), t.variableNames());
        assertNull(t.match("/chat/a/users"));
        assertNull(t.match("/chat/a/users/b/c"));
        assertNull(t.match("/chat//users/b"), "a variable matches a non-empty segment");
        assertNull(t.match("/chat/a/people/b"));
        assertEquals(Map.of(), UriTemplate.parse("/").match("/"));
        assertNull(UriTemplate.parse("/").match("/x"));
    }

    @Test
    void refusesBadTemplates() {
        assertEquals("endpoint path 'chat' must start with '/'",
                assertThrows(DeploymentException.class, () -> UriTemplate.parse("chat")).getMessage());
        assertTrue(assertThrows(DeploymentException.class, () -> UriTemplate.parse("/a/{x}/{x}")).getMessage()
                .contains("variable 'x' appears twice"));
        assertTrue(assertThrows(DeploymentException.class, () -> UriTemplate.parse("/a/pre{x}")).getMessage()
                .contains("must fill a whole segment"));
        assertTrue(assertThrows(DeploymentException.class, () -> UriTemplate.parse("/a/{}")).getMessage()
                .contains("bad variable"));
    }

    /** The specification's example (§3.1.1): the most literal template, compared from the left, wins. */
    @Test
    void containerPicksTheMostLiteralTemplate() throws Exception {
        JakartaServerContainer c = new JakartaServerContainer();
        for (String path : List.of("/a/b/", "/a/{var}", "/{var1}/d", "/b/{var2}", "/a/{var3}/c", "/{var4}/{var5}/c")) {
            c.addEndpoint(ServerEndpointConfig.Builder.create(Quiet.class, path).build());
        }
        assertEquals("/a/{var}", c.match("/a/b").deployment().template.template());
        assertEquals("/a/{var}", c.match("/a/d").deployment().template.template());
        assertEquals("/{var1}/d", c.match("/c/d").deployment().template.template());
        assertEquals("/a/{var3}/c", c.match("/a/b/c").deployment().template.template());
        assertEquals("/{var4}/{var5}/c", c.match("/x/b/c").deployment().template.template());
        assertEquals("/a/b/", c.match("/a/b/").deployment().template.template());
        assertEquals(Map.of("var1", "c"), c.match("/c/d").pathParameters());
        assertNull(c.match("/nothing/here/at/all"));
        DeploymentException twice = assertThrows(DeploymentException.class,
                () -> c.addEndpoint(ServerEndpointConfig.Builder.create(Quiet.class, "/a/{other}").build()));
        assertTrue(twice.getMessage().contains("is already deployed as /a/{var}"), twice.getMessage());
        Application app = c.application();
        assertTrue(app != null);
    }

    /** A programmatic endpoint that does nothing. */
    public static class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }
}
