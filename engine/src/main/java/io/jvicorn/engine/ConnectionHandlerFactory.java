package io.jvicorn.engine;

/** Creates the handler for each accepted connection, on the loop thread that owns it. */
@FunctionalInterface
public interface ConnectionHandlerFactory {

    /**
     * @param connection the new connection
     * @return its handler
     */
    ConnectionHandler create(Transport connection);
}
