package io.jvicorn.examples.jakarta;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;

/**
 * A chat in rooms as a Jakarta WebSocket endpoint: {@code ws://host/chat/<room>?name=<name>}. Every text message goes
 * to everyone in the same room, prefixed with the sender's name; joins and departures are announced. The rooms are
 * the endpoint's open sessions grouped by their {@code room} path value, so the endpoint keeps no state of its own.
 * Broadcasts use the asynchronous remote: a member slow to read delays nobody else.
 */
@ServerEndpoint("/chat/{room}")
public class ChatEndpoint {
    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());
    private static final String NAME = "chat.name";

    /** One instance per connection, made by the container. */
    public ChatEndpoint() {
    }

    /**
     * Names the member ({@code ?name=}, else {@code guest-<session id>}) and announces them.
     *
     * @param session the new member's session
     * @param room    the room from the path
     */
    @OnOpen
    public void join(Session session, @PathParam("room") String room) {
        List<String> names = session.getRequestParameterMap().get("name");
        String name = names == null || names.get(0).isBlank() ? "guest-" + session.getId() : names.get(0).strip();
        session.getUserProperties().put(NAME, name);
        broadcast(session, room, "* " + name + " joined " + room);
    }

    /**
     * Sends a member's line to the room.
     *
     * @param session the sender
     * @param text    the line
     * @param room    the room from the path
     */
    @OnMessage(maxMessageSize = 4096)
    public void say(Session session, String text, @PathParam("room") String room) {
        broadcast(session, room, session.getUserProperties().get(NAME) + ": " + text);
    }

    /**
     * Announces a departure.
     *
     * @param session the member who left
     * @param reason  how the connection ended
     * @param room    the room from the path
     */
    @OnClose
    public void leave(Session session, CloseReason reason, @PathParam("room") String room) {
        broadcast(session, room, "* " + session.getUserProperties().get(NAME) + " left (" + reason.getCloseCode()
                .getCode() + ")");
    }

    /**
     * Logs what went wrong with one member; the others carry on.
     *
     * @param session the member
     * @param error   the failure
     */
    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(System.Logger.Level.WARNING, "chat session " + session.getId() + " failed", error);
    }

    private static void broadcast(Session from, String room, String line) {
        for (Session member : from.getOpenSessions()) {
            if (room.equals(member.getPathParameters().get("room")) && member.isOpen()) {
                member.getAsyncRemote().sendText(line);
            }
        }
    }
}
