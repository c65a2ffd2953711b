package io.jvicorn.websocket.codec;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header: an extension name with its parameters, in order.
 *
 * @param name       the extension token
 * @param parameters the parameters, duplicates kept so that the negotiation can refuse them
 */
record ExtensionOffer(String name, List<Parameter> parameters) {

    ExtensionOffer {
        parameters = List.copyOf(parameters);
    }

    /**
     * One parameter.
     *
     * @param name  the parameter token
     * @param value the value, unquoted, or null when the parameter has none
     */
    record Parameter(String name, @Nullable String value) {
    }
}
