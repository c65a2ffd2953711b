package io.jvicorn.http11.proxy;

import java.util.Objects;

/**
 * A connection whose PROXY header is malformed or not acceptable: it is closed.
 *
 * @param violation the rule it broke
 */
public record ProxyRejection(ProxyViolation violation) implements ProxyParse {

    /** Checks the violation is present. */
    public ProxyRejection {
        Objects.requireNonNull(violation, "violation");
    }
}
