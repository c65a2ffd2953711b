package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.http11.proxy.AddressText;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Socket addresses as the scope's {@code client} and {@code server}. The server address is shared by every connection
 * of a listener rather than built per connection (a server has a handful of listening addresses; idle connections
 * should not each carry a copy).
 */
final class AsgiAddresses {
    private static final int MAX_CACHED = 64;
    private static final ConcurrentHashMap<SocketAddress, Address> CACHE = new ConcurrentHashMap<>();

    private AsgiAddresses() {
    }

    /** @return the address as text and port (a unix socket's path and no port); null for other kinds */
    static @Nullable Address of(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return new Address(inet.getAddress() != null ? AddressText.of(inet.getAddress()) : inet.getHostString(), inet.getPort());
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return new Address(unix.getPath().toString(), null);
        }
        return null;
    }

    /** @return {@link #of} for a listening address, shared */
    static @Nullable Address local(@Nullable SocketAddress local) {
        if (local == null) {
            return null;
        }
        Address cached = CACHE.get(local);
        if (cached != null) {
            return cached;
        }
        Address address = of(local);
        if (address != null && CACHE.size() < MAX_CACHED) {
            CACHE.putIfAbsent(local, address);
        }
        return address;
    }
}
