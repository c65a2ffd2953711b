package io.jvicorn.server;

/**
 * How jvicorn divides the processors: half run the selector loops (I/O, parsing, inline answers), the other half carry
 * the application's virtual threads. Without the split both pools default to every processor, so under load twice as
 * many threads as processors compete, and with a load generator or a proxy on the same machine, more still. Measured on
 * two processors with wrk beside the server ({@code benchmarks/README.md}, performance log), one loop and one carrier
 * served 25-30% more requests per second than two of each.
 */
public final class CoreShare {
    /** The JDK's system property for the number of virtual-thread carrier threads. */
    public static final String CARRIERS_PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    private CoreShare() {
    }

    /** @return the default number of selector loops: half the available processors, at least one */
    public static int defaultLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Gives the virtual-thread scheduler the processors the loops leave, unless {@value #CARRIERS_PROPERTY} is already
     * set. It only takes effect before the JVM's first virtual thread starts, so call it first thing in {@code main}
     * (the {@code jvicorn} command does).
     *
     * @return the number of carrier threads now configured
     */
    public static int configureCarriers() {
        String configured = System.getProperty(CARRIERS_PROPERTY);
        if (configured != null) {
            try {
                return Integer.parseInt(configured.strip());
            } catch (NumberFormatException e) {
                return Runtime.getRuntime().availableProcessors(); // the JDK ignores a bad value too
            }
        }
        int carriers = Math.max(1, Runtime.getRuntime().availableProcessors() - defaultLoops());
        System.setProperty(CARRIERS_PROPERTY, Integer.toString(carriers));
        return carriers;
    }
}
