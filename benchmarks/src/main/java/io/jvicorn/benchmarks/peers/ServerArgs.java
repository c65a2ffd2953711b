package io.jvicorn.benchmarks.peers;

import org.jspecify.annotations.Nullable;

/**
 * The command line every benchmark server accepts:
 * {@code [--host H] [--port P] [--transport nio|epoll|vt] [--loops N] [--db JDBC-URL] [--db-pool N]}.
 *
 * <p>Virtual-thread carriers are not an argument: benchmarks/run sets them with the JDK's own
 * {@code -Djdk.virtualThreadScheduler.parallelism}, which must be in place before the first virtual thread starts.
 *
 * @param host      the address to bind, 127.0.0.1 by default
 * @param port      the port, 8080 by default
 * @param transport Netty's transport ({@code nio} by default, or {@code epoll}), or jvicorn's mode ({@code vt}: every
 *                  request on a virtual thread); other servers ignore it
 * @param loops     event loops, selector threads or selectors, whatever the server calls them; 0 (the default) leaves
 *                  the server's own default
 * @param db        the JDBC URL of the database workloads, or null when they are not served
 * @param dbPool    the size of the fixed pool of database connections, 8 by default
 */
public record ServerArgs(String host, int port, String transport, int loops, @Nullable String db, int dbPool) {

    /** The database pool size when {@code --db-pool} is not given. */
    public static final int DEFAULT_DB_POOL = 8;

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @return the parsed values
     * @throws IllegalArgumentException for an unknown option, a missing value or a count below its minimum
     */
    public static ServerArgs parse(String[] args) {
        String host = "127.0.0.1";
        int port = 8080;
        String transport = "nio";
        int loops = 0;
        String db = null;
        int dbPool = DEFAULT_DB_POOL;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> host = value;
                case "--port" -> port = count(option, value, 0);
                case "--transport" -> transport = value;
                case "--loops" -> loops = count(option, value, 0);
                case "--db" -> db = value;
                case "--db-pool" -> dbPool = count(option, value, 1);
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (expected --host, --port, --transport, --loops, --db, --db-pool)");
            }
        }
        return new ServerArgs(host, port, transport, loops, db, dbPool);
    }

    private static int count(String option, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'", e);
        }
        if (n < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    /**
     * The number of loops to run: {@link #loops()} when given, else the server's default.
     *
     * @param serverDefault what the server runs when not told
     * @return the loops to start
     */
    public int loopsOr(int serverDefault) {
        return loops > 0 ? loops : serverDefault;
    }

    /**
     * Prints the line that tells a person the server listens, with the thread counts it runs (benchmarks/run polls
     * the port, and copies this line into its records).
     *
     * @param server  the server's name
     * @param threads what it runs, for example {@code loops=1 carriers=2}
     */
    public void announce(String server, String threads) {
        System.out.println(server + " listening on http://" + host + ":" + port + " (" + threads
                + (db != null ? ", database pool " + dbPool : "") + ")");
        System.out.flush();
    }

    /** @return the virtual-thread carriers this JVM runs: the JDK's property if set, else one per processor */
    public static String carriers() {
        return System.getProperty("jdk.virtualThreadScheduler.parallelism",
                Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
}
