package io.jvicorn.http11.proxy;

import io.jvicorn.asgi.Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The proxies whose forwarding headers are believed: Uvicorn's {@code --forwarded-allow-ips}.
 *
 * <p>A comma-separated list whose entries, stripped of whitespace, are
 * <ul>
 *   <li>{@code *}: trust every peer;</li>
 *   <li>an IPv4 or IPv6 address, compared as an address ({@code ::1} equals {@code 0:0:0:0:0:0:0:1});</li>
 *   <li>a network in CIDR notation, {@code 10.0.0.0/8}, {@code 2001:db8::/32} (an IPv4 netmask such as
 *       {@code 10.0.0.0/255.0.0.0} works too; host bits are ignored);</li>
 *   <li>anything else, a literal compared as text: {@code unix:} for every unix-socket peer, a socket path.</li>
 * </ul>
 * Unlike Uvicorn, {@code *} anywhere in the list trusts everything, and an IP address with an invalid prefix is an
 * error instead of a literal that never matches.
 */
public final class ForwardedAllowList {
    /** The literal that trusts every peer on a unix socket. */
    public static final String UNIX = "unix:";

    private final String spec;
    private final boolean all;
    private final Set<IpLiteral> addresses;
    private final List<IpNetwork> networks;
    private final Set<String> literals;

    private ForwardedAllowList(String spec, boolean all, Set<IpLiteral> addresses, List<IpNetwork> networks,
                               Set<String> literals) {
        this.spec = spec;
        this.all = all;
        this.addresses = addresses;
        this.networks = networks;
        this.literals = literals;
    }

    /**
     * Reads a list as given to {@code --forwarded-allow-ips}.
     *
     * @param spec comma-separated entries; empty trusts nothing
     * @return the allow list
     * @throws IllegalArgumentException when an entry is an IP address followed by an invalid prefix, naming it
     */
    public static ForwardedAllowList parse(String spec) {
        boolean all = false;
        Set<IpLiteral> addresses = new HashSet<>();
        List<IpNetwork> networks = new ArrayList<>();
        Set<String> literals = new HashSet<>();
        for (String raw : spec.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                all = true;
                continue;
            }
            IpNetwork network = IpNetwork.parse(entry);
            if (network != null) {
                networks.add(network);
                continue;
            }
            IpLiteral address = entry.indexOf('/') < 0 ? IpLiteral.parse(entry) : null;
            if (address != null) {
                addresses.add(address);
            } else {
                literals.add(entry);
            }
        }
        return new ForwardedAllowList(spec, all, addresses, networks, literals);
    }

    /** @return whether {@code *} was listed */
    public boolean trustsAll() {
        return all;
    }

    /**
     * Whether a host is trusted: Uvicorn's membership test. An IP address matches listed addresses and networks; any
     * other text matches a literal exactly. Null and the empty string are trusted only under {@code *}.
     *
     * @param host an IP address (IPv6 without brackets) or another identifier
     * @return true if trusted
     */
    public boolean trusts(@Nullable String host) {
        if (all) {
            return true;
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        IpLiteral address = IpLiteral.parse(host);
        if (address == null) {
            return literals.contains(host);
        }
        if (addresses.contains(address)) {
            return true;
        }
        for (IpNetwork network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a unix-socket peer is trusted: under {@code *}, {@code unix:}, or the socket's path given bare or as
     * {@code unix:PATH}.
     *
     * @param path the socket path; a connecting peer's own path is usually empty, so pass the listening socket's
     * @return true if trusted
     */
    public boolean trustsUnixSocket(String path) {
        if (all || literals.contains(UNIX)) {
            return true;
        }
        return !path.isEmpty() && (literals.contains(path) || literals.contains(UNIX + path));
    }

    /**
     * Whether the immediate peer of a connection is trusted.
     *
     * @param peer the scope's client: an address with a port for TCP, a path without one for a unix socket, or null
     *             when unknown (trusted only under {@code *})
     * @return true if its forwarding headers are to be believed
     */
    public boolean trustsPeer(@Nullable Address peer) {
        if (peer == null) {
            return all;
        }
        return peer.port() == null ? trustsUnixSocket(peer.host()) : trusts(peer.host());
    }

    /**
     * Whether the immediate peer of a socket is trusted, before any header was read (the PROXY protocol's check).
     *
     * @param remote the socket's peer: an {@link InetSocketAddress}, or null or a path for a unix socket peer
     * @param local  the address the connection arrived on: a unix socket's path decides for its peers
     * @return true if the peer may say who the client is
     */
    public boolean trustsConnection(@Nullable SocketAddress remote, @Nullable SocketAddress local) {
        if (local instanceof UnixDomainSocketAddress unix) {
            return trustsUnixSocket(unix.getPath().toString());
        }
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return trusts(AddressText.of(inet.getAddress()));
        }
        return all;
    }

    /** @return the list as given */
    @Override
    public String toString() {
        return spec;
    }
}
