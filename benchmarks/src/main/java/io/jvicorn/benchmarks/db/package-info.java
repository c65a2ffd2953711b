/**
 * TechEmpower's database workloads, shared by every JVM server in the comparison: a fixed pool of plain JDBC
 * connections ({@link io.jvicorn.benchmarks.db.Database}), the single-query row ({@link
 * io.jvicorn.benchmarks.db.World}) and the fortunes page ({@link io.jvicorn.benchmarks.db.FortunesPage}). The
 * tables are created and filled by benchmarks/run from benchmarks/db/schema.sql.
 */
@NullMarked
package io.jvicorn.benchmarks.db;

import org.jspecify.annotations.NullMarked;
