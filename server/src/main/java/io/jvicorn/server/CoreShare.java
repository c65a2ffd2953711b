package io.jvicorn.server;

import io.jvicorn.engine.LoopCarriers;

/**
 * How jvicorn divides the processors. With {@link Carriers#LOOPS} (the default) the loops carry the application's
 * virtual threads themselves, so there is one loop per processor. With {@link Carriers#POOL}, half run the selector
 * loops (I/O, parsing, inline answers), the other half carry the application's virtual threads. Without the split
 * both pools default to every processor, so under load twice as many threads as processors compete, and with a load
 * generator or a proxy on the same machine, more still. Measured on two processors with wrk beside the server ({@code benchmarks/README.md}, performance log), one loop and one carrier
 * served 25-30% more requests per second than two of each.
 */
public final class CoreShare {
    /** The JDK's system property for the number of virtual-thread carrier threads. */
    public static final String CARRIERS_PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    private CoreShare() {
    }

    /** @return the default number of selector loops beside a pool of carriers: half the processors, at least one */
    public static int defaultLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * @param carriers which threads carry the application's virtual threads
     * @return the default number of selector loops: every processor when the loops carry the virtual threads (and
     *         this JVM lets them, {@link LoopCarriers#available()}), else {@link #defaultLoops()}
     */
    public static int defaultLoops(Carriers carriers) {
        if (carriers == Carriers.LOOPS && LoopCarriers.available()) {
            return Runtime.getRuntime().availableProcessors();
        }
        return defaultLoops();
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
