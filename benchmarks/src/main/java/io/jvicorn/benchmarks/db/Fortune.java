package io.jvicorn.benchmarks.db;

/**
 * A row of TechEmpower's {@code Fortune} table.
 *
 * @param id      the row's key
 * @param message the fortune, unescaped
 */
public record Fortune(int id, String message) {
}
