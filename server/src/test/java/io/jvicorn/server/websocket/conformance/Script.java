package io.jvicorn.server.websocket.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A case made concrete: the extension offers for the handshake, the steps, and the expectation.
 *
 * @param extensionOffers the {@code Sec-WebSocket-Extensions} value to send, or null for none
 * @param steps           what the client does, in order
 * @param expectation     what the server must do
 * @param eventTimeout    how long any one wait for events may take
 */
record Script(@Nullable String extensionOffers, List<Step> steps, Expectation expectation, Duration eventTimeout) {

    static final Duration DEFAULT_EVENT_TIMEOUT = Duration.ofSeconds(10);

    static Builder builder() {
        return new Builder();
    }

    /** Collects steps and expectations; unless told otherwise the client closes normally once the events match. */
    static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private final Map<Behavior, List<Event>> events = new LinkedHashMap<>();
        private CloseRule close = CloseRule.NORMAL;
        private boolean informational;
        private boolean requiresDeflate;
        private boolean mustDecline;
        private @Nullable String offers;
        private Duration eventTimeout = DEFAULT_EVENT_TIMEOUT;

        /** Frame bytes, sent together with whatever follows. */
        Builder send(byte[] bytes) {
            steps.add(new Step.Write(bytes, 0, false, false));
            return this;
        }

        /** Frame bytes, pushed out on their own (Autobahn's sync). */
        Builder sendSync(byte[] bytes) {
            steps.add(new Step.Write(bytes, 0, true, false));
            return this;
        }

        /** Frame bytes written in pieces of {@code chop} bytes, each on its own. */
        Builder sendChopped(byte[] bytes, int chop) {
            steps.add(new Step.Write(bytes, chop, true, false));
            return this;
        }

        /** The client's close frame with this payload (which may be invalid): the client starts the closing. */
        Builder sendClose(byte[] payload) {
            steps.add(new Step.Write(ClientFrames.frame(true, ClientFrames.CLOSE, payload), 0, true, true));
            return this;
        }

        /** A message the connection compresses and fragments as negotiated when it is sent. */
        Builder sendMessage(boolean binary, byte[] payload, int autoFragment) {
            steps.add(new Step.SendMessage(binary, payload, autoFragment));
            return this;
        }

        Builder awaitEvents(int count) {
            steps.add(new Step.AwaitEvents(count));
            return this;
        }

        Builder pause(String tag, Duration duration) {
            steps.add(new Step.Pause(tag, duration));
            return this;
        }

        Builder expect(Behavior behavior, Event... expected) {
            return expect(behavior, List.of(expected));
        }

        Builder expect(Behavior behavior, List<Event> expected) {
            events.put(behavior, List.copyOf(expected));
            return this;
        }

        /** The server must fail the connection with one of {@code codes}; nothing is expected back unless said. */
        Builder serverFails(Integer... codes) {
            close = CloseRule.serverFails(codes);
            return this;
        }

        /** The client closes; the server answers with one of {@code codes}. */
        Builder clientCloses(boolean requireClean, Integer... codes) {
            close = new CloseRule(true, Set.copyOf(List.of(codes)), requireClean);
            return this;
        }

        Builder informational() {
            informational = true;
            return this;
        }

        Builder offer(String extensionOffers) {
            offers = extensionOffers;
            return this;
        }

        Builder requiresDeflate() {
            requiresDeflate = true;
            return this;
        }

        /** The server must not agree to any of the offers. */
        Builder mustDecline() {
            mustDecline = true;
            return this;
        }

        Builder eventTimeout(Duration timeout) {
            eventTimeout = timeout;
            return this;
        }

        Script build() {
            Map<Behavior, List<Event>> expected = new LinkedHashMap<>(events);
            expected.putIfAbsent(Behavior.OK, List.of());
            return new Script(offers, List.copyOf(steps),
                    new Expectation(expected, close, informational, requiresDeflate, mustDecline), eventTimeout);
        }
    }
}
