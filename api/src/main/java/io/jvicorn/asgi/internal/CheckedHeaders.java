package io.jvicorn.asgi.internal;

import io.jvicorn.asgi.Header;
import java.lang.invoke.MethodHandles;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@link Header}s whose parts the caller has checked already, as the request parser does byte by byte while it
 * finds the field line's end, so that every request header is not checked twice. {@code Header}'s public constructor
 * keeps checking what applications send. Header installs the maker when it is initialized (the JDK's "shared secrets"
 * pattern): the maker cannot be reached from outside this package, and this package is exported only to the request
 * decoders, {@code io.jvicorn.http11} and {@code io.jvicorn.http2} (whose HPACK fields are checked the same way).
 */
public final class CheckedHeaders {
    /** Builds a Header without checking it. */
    @FunctionalInterface
    public interface Maker {
        /**
         * Builds the header.
         *
         * @param name  a token
         * @param value a valid field value
         * @return the header
         */
        Header make(String name, String value);
    }

    private static volatile @Nullable Maker maker;

    private CheckedHeaders() {
    }

    /**
     * Called once by {@link Header}'s static initializer.
     *
     * @param m the unchecked constructor
     * @throws IllegalStateException when a maker is already installed
     */
    public static void install(Maker m) {
        if (maker != null) {
            throw new IllegalStateException("already installed");
        }
        maker = m;
    }

    /**
     * A header from parts that are known to be valid: a token name and a field value of
     * {@link io.jvicorn.http.HttpSyntax#isFieldValueChar} characters. Passing anything else breaks the guarantees
     * applications rely on.
     *
     * @param name  the field name, a token
     * @param value the field value
     * @return the header
     */
    public static Header of(String name, String value) {
        Maker m = maker;
        if (m == null) {
            m = initHeader();
        }
        return m.make(name, value);
    }

    private static Maker initHeader() {
        try {
            MethodHandles.lookup().ensureInitialized(Header.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        Maker m = maker;
        if (m == null) {
            throw new IllegalStateException("Header did not install its maker");
        }
        return m;
    }
}
