package io.jvicorn.server;

import io.jvicorn.engine.Engine;
import io.jvicorn.engine.TlsEngineFactory;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a server listens, checked before the lifespan startup runs (hosts resolved, the inherited socket found) and
 * bound after it: every {@code --bind}, then {@code --uds}, then {@code --fd}; or {@code --host}/{@code --port} when
 * none of those is given.
 */
final class ListenPlan {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    /**
     * One place to listen.
     *
     * @param description what bind errors call it
     * @param host        the host as configured, for the startup line; null for unix and inherited sockets
     * @param address     the address to bind, or null for an inherited socket
     * @param inherited   the inherited listening socket, or null
     */
    private record Target(String description, @Nullable String host, @Nullable SocketAddress address,
                          @Nullable ServerSocketChannel inherited) {
    }

    private final List<Target> targets;

    private ListenPlan(List<Target> targets) {
        this.targets = targets;
    }

    /**
     * @param config the server configuration
     * @return the checked plan
     * @throws ServerStartupException if a host does not resolve, no listening socket was inherited, or more than one
     *                                inherited socket is asked for
     */
    static ListenPlan of(ServerConfig config) throws ServerStartupException {
        List<ListenAddress> addresses = new ArrayList<>();
        for (String bind : config.binds()) {
            addresses.add(ListenAddress.parse(bind, config.port()));
        }
        if (config.uds() != null) {
            addresses.add(new ListenAddress.Unix(java.nio.file.Path.of(config.uds())));
        }
        if (config.fd() != null) {
            addresses.add(new ListenAddress.Inherited(config.fd()));
        }
        if (addresses.isEmpty()) {
            addresses.add(new ListenAddress.Tcp(config.host(), config.port()));
        }
        List<Integer> inheritedFds = addresses.stream().filter(a -> a instanceof ListenAddress.Inherited)
                .map(a -> ((ListenAddress.Inherited) a).fd()).toList();
        if (inheritedFds.size() > 1) {
            throw new ServerStartupException("only one inherited socket can be listened on, got file descriptors "
                    + inheritedFds + " from --fd and --bind fd://: the JVM adopts a single inherited channel, its "
                    + "standard input", null);
        }
        List<Target> targets = new ArrayList<>();
        for (ListenAddress address : addresses) {
            targets.add(target(address));
        }
        return new ListenPlan(targets);
    }

    private static Target target(ListenAddress address) throws ServerStartupException {
        return switch (address) {
            case ListenAddress.Tcp tcp -> {
                InetSocketAddress resolved = resolve(tcp);
                yield new Target("address " + describe(resolved), tcp.host(), resolved, null);
            }
            case ListenAddress.Unix unix ->
                    new Target("unix socket " + unix.path(), null, UnixDomainSocketAddress.of(unix.path()), null);
            case ListenAddress.Inherited inherited -> new Target("inherited socket (fd " + inherited.fd() + ")", null,
                    null, inheritedListener(inherited.fd()));
        };
    }

    private static InetSocketAddress resolve(ListenAddress.Tcp tcp) throws ServerStartupException {
        try {
            return new InetSocketAddress(InetAddress.getByName(tcp.host()), tcp.port());
        } catch (UnknownHostException e) {
            throw new ServerStartupException("cannot resolve host '" + tcp.host() + "': give an IP address or a "
                    + "resolvable name with --host or --bind", e);
        }
    }

    /**
     * The JVM exposes only its standard input as an inherited channel ({@link System#inheritedChannel()}, computed
     * once), so another descriptor is first moved onto descriptor 0.
     */
    private static ServerSocketChannel inheritedListener(int fd) throws ServerStartupException {
        if (fd != 0) {
            try {
                InheritedDescriptor.moveToStandardInput(fd);
            } catch (IOException e) {
                throw new ServerStartupException(e.getMessage(), e);
            }
        }
        Channel channel;
        try {
            channel = System.inheritedChannel();
        } catch (IOException e) {
            throw new ServerStartupException("--fd " + fd + ": cannot adopt standard input as a socket: "
                    + e.getMessage(), e);
        }
        if (channel instanceof ServerSocketChannel server) {
            return server;
        }
        if (fd != 0) {
            // The descriptor was checked to be a listening socket, so only a stale answer explains this.
            throw new ServerStartupException("--fd " + fd + ": descriptor " + fd + " was moved to standard input, "
                    + "but this JVM had already looked at its inherited channel (System.inheritedChannel() answers "
                    + "once) and found " + (channel == null ? "no socket" : "a " + channel.getClass().getSimpleName())
                    + "; do not call System.inheritedChannel() before the server starts", null);
        }
        throw new ServerStartupException("--fd 0: standard input is "
                + (channel == null ? "not a socket" : "a " + channel.getClass().getSimpleName()
                        + ", not a listening socket")
                + "; start jvicorn from a systemd .socket unit (Accept=no) whose service has StandardInput=socket, "
                + "or from inetd in wait mode, so that it inherits the listening socket as file descriptor 0 (or "
                + "pass the socket's own descriptor number, such as systemd's 3, on Java 22 or newer)", null);
    }

    /**
     * Binds every target; on failure closes nothing itself (the caller closes the engine).
     *
     * @param engine the engine to listen with
     * @param tls    the TLS engine factory, or null for plaintext
     * @return where the server now listens, as Uvicorn's startup line names each place
     * @throws ServerStartupException naming the address that failed and a likely fix
     */
    List<String> bind(Engine engine, @Nullable TlsEngineFactory tls) throws ServerStartupException {
        List<String> runningOn = new ArrayList<>();
        for (Target target : targets) {
            try {
                ServerSocketChannel inherited = target.inherited();
                SocketAddress bound = inherited != null ? engine.adopt(inherited, tls)
                        : engine.bind(java.util.Objects.requireNonNull(target.address()), tls);
                runningOn.add(runningOn(target, bound, tls != null));
            } catch (IOException e) {
                throw bindFailure(target, e);
            }
        }
        return List.copyOf(runningOn);
    }

    /**
     * Binds, without listening, a {@code SO_REUSEPORT} socket on every TCP target, for worker processes that listen on
     * the same ports (see {@link SharedListeners}).
     *
     * <p>A unix socket cannot be shared that way: it is bound and listened on here and made this process's standard
     * input, which the workers inherit and adopt as {@code fd://0} (Java 22 or newer and the jar, see
     * {@link InheritedDescriptor#shareOnStandardInput}). Standard input holds one socket, so one unix socket or one
     * inherited socket ({@code --fd}) at most.
     *
     * @param tls     whether the workers serve HTTPS, for the startup line
     * @param backlog the listen backlog of a unix socket
     * @return the reservations
     * @throws ServerStartupException if a port is in use, or a unix socket cannot be bound or handed to the workers
     */
    SharedListeners reserveForWorkers(boolean tls, int backlog) throws ServerStartupException {
        List<java.nio.channels.NetworkChannel> reservations = new ArrayList<>();
        List<io.jvicorn.engine.UnixSocketFile> files = new ArrayList<>();
        List<String> workerBinds = new ArrayList<>();
        List<String> runningOn = new ArrayList<>();
        boolean standardInput = false;
        boolean reserved = false;
        long onStandardInput = targets.stream()
                .filter(t -> t.inherited() != null || t.address() instanceof UnixDomainSocketAddress).count();
        if (onStandardInput > 1) {
            throw new ServerStartupException("worker processes inherit one listening socket, as their standard input: "
                    + "listen on one unix socket or one inherited socket (--fd), and on TCP besides", null);
        }
        try {
            for (Target target : targets) {
                ServerSocketChannel inherited = target.inherited();
                if (inherited != null) {
                    standardInput = true;
                    workerBinds.add("fd://0");
                    runningOn.add(runningOn(target, inherited.getLocalAddress(), tls));
                } else if (target.address() instanceof InetSocketAddress address) {
                    SocketChannel reservation = SocketChannel.open(address.getAddress() instanceof Inet6Address
                            ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                    reservations.add(reservation);
                    reservation.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    try {
                        reservation.bind(address);
                    } catch (IOException e) {
                        throw bindFailure(target, e);
                    }
                    InetSocketAddress bound = (InetSocketAddress) reservation.getLocalAddress();
                    workerBinds.add(describe(bound));
                    runningOn.add(runningOn(target, bound, tls));
                } else if (target.address() instanceof UnixDomainSocketAddress unix) {
                    ServerSocketChannel listener = listenUnix(target, unix, backlog, files);
                    reservations.add(listener);
                    try {
                        InheritedDescriptor.shareOnStandardInput(listener);
                    } catch (IOException e) {
                        throw new ServerStartupException("worker processes cannot share " + target.description()
                                + ": " + e.getMessage() + "; run jvicorn from its jar on Java 22 or newer, or listen "
                                + "on TCP", e);
                    }
                    standardInput = true;
                    workerBinds.add("fd://0");
                    runningOn.add(runningOn(target, unix, tls));
                }
            }
            reserved = true;
        } catch (IOException | UnsupportedOperationException e) {
            throw new ServerStartupException("cannot reserve the listening addresses for worker processes: "
                    + e.getMessage(), e);
        } finally {
            if (!reserved) {
                SharedListeners.closeAll(reservations);
                files.forEach(io.jvicorn.engine.UnixSocketFile::delete);
            }
        }
        return new SharedListeners(reservations, files, workerBinds, standardInput, runningOn);
    }

    /** Binds and listens on a unix socket as the engine does ({@link io.jvicorn.engine.UnixSocketFile}). */
    private ServerSocketChannel listenUnix(Target target, UnixDomainSocketAddress unix, int backlog,
                                           List<io.jvicorn.engine.UnixSocketFile> files) throws ServerStartupException,
            IOException {
        io.jvicorn.engine.UnixSocketFile file;
        try {
            file = io.jvicorn.engine.UnixSocketFile.prepare(unix.getPath());
        } catch (IOException e) {
            throw bindFailure(target, e);
        }
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(unix, backlog);
            files.add(file);
            file.applyMode();
        } catch (IOException e) {
            listener.close();
            throw bindFailure(target, e);
        }
        return listener;
    }

    /**
     * Listens once, for a reloader whose server processes come and go ({@code --reload}): the one TCP target is bound
     * and listened on here, and made this process's standard input, which each server process inherits and adopts
     * as {@code fd://0}. Connections made while no server process runs wait in the socket's backlog instead of being
     * refused. Where that cannot be done (several places to listen, Java 21, these classes outside their jar), the
     * ports are reserved as for workers ({@link #reserveForWorkers}), and a warning says that restarts refuse
     * connections.
     *
     * @param tls     whether the server serves HTTPS, for the startup line
     * @param backlog the listen backlog
     * @return the listeners, to close when the reloader stops
     * @throws ServerStartupException if an address is in use, or a target is a unix socket
     */
    SharedListeners listenForReload(boolean tls, int backlog) throws ServerStartupException {
        if (targets.size() != 1 || !(targets.get(0).address() instanceof InetSocketAddress address)) {
            if (targets.size() > 1) {
                LOG.log(System.Logger.Level.WARNING, "Connections are refused while the server restarts: with "
                        + "several places to listen on, the reloader cannot hand them to the server process, which "
                        + "inherits a single listening socket");
            }
            return reserveForWorkers(tls, backlog); // inherited and unix sockets are shared as standard input there
        }
        Target target = targets.get(0);
        ServerSocketChannel listener = null;
        try {
            listener = ServerSocketChannel.open(address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                listener.bind(address, backlog);
            } catch (IOException e) {
                throw bindFailure(target, e);
            }
            InetSocketAddress bound = (InetSocketAddress) listener.getLocalAddress();
            try {
                InheritedDescriptor.shareOnStandardInput(listener);
            } catch (IOException e) {
                listener.close();
                listener = null;
                LOG.log(System.Logger.Level.WARNING, "Connections are refused while the server restarts: "
                        + e.getMessage());
                return reserveForWorkers(tls, backlog);
            }
            SharedListeners shared = new SharedListeners(List.of(listener), List.of(), List.of("fd://0"), true,
                    List.of(runningOn(target, bound, tls)));
            listener = null;
            return shared;
        } catch (IOException e) {
            throw new ServerStartupException("cannot listen on " + target.description() + " for the reloader: "
                    + e.getMessage(), e);
        } finally {
            if (listener != null) {
                SharedListeners.closeAll(List.of(listener));
            }
        }
    }

    private ServerStartupException bindFailure(Target target, IOException e) {
        return new ServerStartupException("error while attempting to bind on " + target.description() + ": "
                + e.getMessage() + hint(target), e);
    }

    /** Uvicorn's words: {@code http://HOST:PORT}, {@code unix socket PATH}, {@code socket ('HOST', PORT)}. */
    private static String runningOn(Target target, SocketAddress bound, boolean tls) {
        if (target.inherited() != null) {
            return "socket " + (bound instanceof InetSocketAddress inet
                    ? "('" + inet.getHostString() + "', " + inet.getPort() + ")" : bound.toString());
        }
        if (bound instanceof InetSocketAddress inet) {
            String host = target.host() != null ? target.host() : inet.getHostString();
            return (tls ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                    + inet.getPort();
        }
        return "unix socket " + bound;
    }

    private String hint(Target target) {
        if (target.address() instanceof InetSocketAddress) {
            long tcp = targets.stream().filter(t -> t.address() instanceof InetSocketAddress).count();
            return " (is another server running on that port? pick another with --port or --bind"
                    + (tcp > 1 ? "; note that [::] also accepts IPv4, so it cannot be bound beside 0.0.0.0 on the "
                    + "same port" : "") + ")";
        }
        if (target.address() instanceof UnixDomainSocketAddress) {
            return " (check that the directory exists and is writable, and that the path is under 108 bytes)";
        }
        return "";
    }

    /**
     * @param address a resolved address
     * @return {@code host:port}, with brackets around an IPv6 host
     */
    static String describe(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
