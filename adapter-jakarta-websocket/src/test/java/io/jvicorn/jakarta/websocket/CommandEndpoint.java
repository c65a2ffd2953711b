package io.jvicorn.jakarta.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A programmatic endpoint driven by text commands, to reach the Session API from a client: each command answers with
 * one or more text messages.
 */
public class CommandEndpoint extends Endpoint {

    /** The configuration the tests deploy: path, subprotocols and a configurator that reads and writes headers. */
    static ServerEndpointConfig config(String path) {
        return ServerEndpointConfig.Builder.create(CommandEndpoint.class, path)
                .subprotocols(List.of("v2", "v1"))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public boolean checkOrigin(String origin) {
                        return origin == null || !origin.contains("evil");
                    }

                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                HandshakeResponse response) {
                        List<String> token = request.getHeaders().get("X-Token");
                        sec.getUserProperties().put("token", token == null ? "none" : token.get(0));
                        response.getHeaders().put("X-Reply", List.of("seen"));
                    }
                })
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Events.add("command open " + session.getNegotiatedSubprotocol());
        session.addMessageHandler(new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String command) {
                try {
                    run(session, command);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            try {
                session.getBasicRemote().sendText("partial " + part.remaining() + " " + last);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void run(Session session, String command) throws Exception {
        switch (command) {
            case "props" -> session.getBasicRemote().sendText("token=" + session.getUserProperties().get("token"));
            case "sessions" -> session.getBasicRemote().sendText("sessions=" + session.getOpenSessions().size());
            case "subprotocol" -> session.getBasicRemote().sendText("subprotocol=" + session.getNegotiatedSubprotocol());
            case "async" -> {
                session.getAsyncRemote().sendText("future").get(5, TimeUnit.SECONDS);
                session.getAsyncRemote().sendBinary(ByteBuffer.wrap(new byte[] {9}), (SendResult r) -> {
                    try {
                        session.getAsyncRemote().sendText("handler ok=" + r.isOK());
                    } catch (RuntimeException e) {
                        Events.add("command handler failed " + e);
                    }
                });
            }
            case "parts" -> {
                session.getBasicRemote().sendText("he", false);
                session.getBasicRemote().sendText("llo", true);
                try (Writer w = session.getBasicRemote().getSendWriter()) {
                    w.write("writ");
                    w.write("ten");
                }
                session.getBasicRemote().sendObject(42);
            }
            case "uri" -> session.getBasicRemote().sendText("uri=" + session.getRequestURI() + " secure="
                    + session.isSecure() + " path=" + session.getPathParameters());
            case "burst" -> {
                // Eight threads send at once: each message must arrive whole, none lost.
                Thread[] senders = new Thread[8];
                for (int t = 0; t < senders.length; t++) {
                    int id = t;
                    senders[t] = Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < 50; i++) {
                            try {
                                if (i % 2 == 0) {
                                    session.getBasicRemote().sendText("burst " + id + " " + i);
                                } else {
                                    session.getAsyncRemote().sendText("burst " + id + " " + i);
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
                }
                for (Thread t : senders) {
                    t.join();
                }
            }
            case "idle" -> {
                session.setMaxIdleTimeout(300);
                session.getBasicRemote().sendText("idle armed");
            }
            case "limit" -> {
                session.setMaxTextMessageBufferSize(10);
                session.getBasicRemote().sendText("limited");
            }
            default -> session.getBasicRemote().sendText("echo " + command);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Events.add("command close " + closeReason.getCloseCode().getCode() + " " + closeReason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable thr) {
        Events.add("command error " + thr);
    }
}
