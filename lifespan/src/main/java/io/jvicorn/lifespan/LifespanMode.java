package io.jvicorn.lifespan;

import java.util.Locale;

/** Uvicorn's {@code --lifespan} setting. */
public enum LifespanMode {
    /** Run the lifespan protocol; an application that throws on it is taken as not supporting it. */
    AUTO,
    /** Run the lifespan protocol; an application that throws on it fails startup. */
    ON,
    /** Never call the application with a lifespan scope. */
    OFF;

    /**
     * Reads a mode as written on the command line.
     *
     * @param text {@code auto}, {@code on} or {@code off}, in any case
     * @return the mode
     * @throws IllegalArgumentException for any other text
     */
    public static LifespanMode parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "on" -> ON;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException(
                    "invalid lifespan mode '" + text + "': expected one of auto, on, off");
        };
    }
}
