package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The scope's {@code server} address, shared by every connection of a listener rather than built per connection
 * (a server has a handful of listening addresses; idle connections should not each carry a copy).
 */
final class LocalAddresses {
    private static final int MAX_CACHED = 64;
    private static final ConcurrentHashMap<SocketAddress, Address> CACHE = new ConcurrentHashMap<>();

    private LocalAddresses() {
    }

    static @Nullable Address of(@Nullable SocketAddress local) {
        if (local == null) {
            return null;
        }
        Address cached = CACHE.get(local);
        if (cached != null) {
            return cached;
        }
        Address address = HttpConnectionHandler.toAddress(local);
        if (address != null && CACHE.size() < MAX_CACHED) {
            CACHE.putIfAbsent(local, address);
        }
        return address;
    }
}
