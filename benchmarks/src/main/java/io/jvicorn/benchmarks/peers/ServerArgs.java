package io.jvicorn.benchmarks.peers;

/**
 * The command line every benchmark server accepts: {@code [--host H] [--port P] [--transport nio|epoll]}.
 *
 * @param host      the address to bind, 127.0.0.1 by default
 * @param port      the port, 8080 by default
 * @param transport Netty's transport, {@code nio} by default; other servers ignore it
 */
public record ServerArgs(String host, int port, String transport) {

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @return the parsed values
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    public static ServerArgs parse(String[] args) {
        String host = "127.0.0.1";
        int port = 8080;
        String transport = "nio";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--transport" -> transport = value;
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (expected --host, --port, --transport)");
            }
        }
        return new ServerArgs(host, port, transport);
    }

    /**
     * Prints the line that tells a person the server listens (benchmarks/run polls the port instead).
     *
     * @param server the server's name
     */
    public void announce(String server) {
        System.out.println(server + " listening on http://" + host + ":" + port);
        System.out.flush();
    }
}
