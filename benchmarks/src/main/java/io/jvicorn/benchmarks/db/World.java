package io.jvicorn.benchmarks.db;

import java.nio.charset.StandardCharsets;

/**
 * A row of TechEmpower's {@code World} table, and its JSON answer to the single-query test.
 *
 * @param id           the row's key, 1 to {@value #ROWS}
 * @param randomNumber its value, 1 to 10,000
 */
public record World(int id, int randomNumber) {
    /** The number of rows; ids run from 1 to this. */
    public static final int ROWS = 10_000;

    /** @return {@code {"id":ID,"randomNumber":N}}, the bytes every server sends */
    public byte[] json() {
        return ("{\"id\":" + id + ",\"randomNumber\":" + randomNumber + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
