package io.jvicorn.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * The fat jar's entry point. It is compiled for Java 8 so that an older JVM can load it and say clearly that jvicorn
 * needs Java 21, instead of failing with {@code UnsupportedClassVersionError}; on Java 21+ it hands over to
 * {@code io.jvicorn.cli.Main}.
 */
public final class Launcher {
    /** The oldest Java that runs jvicorn. */
    static final int REQUIRED_JAVA = 21;

    private Launcher() {
    }

    /**
     * Checks the Java version, then runs {@code io.jvicorn.cli.Main.main(args)}.
     *
     * @param args the command line
     * @throws Throwable whatever {@code Main} throws
     */
    public static void main(String[] args) throws Throwable {
        String version = System.getProperty("java.specification.version", "unknown");
        if (majorVersion(version) < REQUIRED_JAVA) {
            System.err.println(tooOldMessage(version, System.getenv("JAVA_HOME")));
            System.exit(1);
            return;
        }
        // Reflection keeps Main (Java 21 bytecode) out of this class's constant pool, so Java 8 can verify it.
        Method main = Class.forName("io.jvicorn.cli.Main").getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads the major version from {@code java.specification.version}: {@code "1.8"} is 8, {@code "21"} is 21.
     *
     * @param specificationVersion the property's value
     * @return the major version, or 0 if it cannot be read
     */
    static int majorVersion(String specificationVersion) {
        String major = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = major.indexOf('.');
        if (dot >= 0) {
            major = major.substring(0, dot);
        }
        try {
            return Integer.parseInt(major);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The one line printed on a too old Java.
     *
     * @param version  the running Java's specification version
     * @param javaHome the {@code JAVA_HOME} environment variable, or null when unset
     * @return the message
     */
    static String tooOldMessage(String version, @Nullable String javaHome) {
        return "jvicorn needs Java " + REQUIRED_JAVA + " or newer; this is Java " + version
                + " (JAVA_HOME=" + (javaHome == null ? "not set" : javaHome) + "). Install Java " + REQUIRED_JAVA
                + "+ or point JAVA_HOME at it.";
    }
}
