package io.jvicorn.http11.server;

/**
 * What an exchange tells the loop about its request body, from the thread running it; the loop acts on its own thread
 * ({@code Transport.execute}).
 */
interface BodyFlow {
    /** Nothing to tell: a request without a body, an error or remaining output. */
    BodyFlow NONE = new BodyFlow() {
        @Override
        public void resume() {
        }

        @Override
        public void abandon(Exchange exchange) {
        }
    };

    /** The application read the body down to the low-water mark: read the socket again. */
    void resume();

    /**
     * The response is complete but the body is not: read and drop the rest (Uvicorn reads on too), up to a limit,
     * so the connection can carry the next request even if the application never reads it.
     *
     * @param exchange the exchange whose body is left
     */
    void abandon(Exchange exchange);
}
