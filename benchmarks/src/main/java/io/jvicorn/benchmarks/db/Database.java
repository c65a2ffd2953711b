package io.jvicorn.benchmarks.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fixed pool of plain JDBC connections to the benchmark database, each with its two statements prepared. A caller
 * with no free connection waits for one (a virtual thread unmounts while it waits); no connection is ever opened after
 * start-up.
 */
public final class Database implements AutoCloseable {
    private final List<Session> all;
    /**
     * The free sessions; any thread takes one and puts it back when done. Fair: waiters get sessions in the order they
     * asked. An unfair queue lets a newly arriving request take a session just returned ahead of those already waiting,
     * so with 256 requests for 8 sessions some waited for hundreds of milliseconds (p99 of 124 to 301 ms for every
     * virtual-thread server, against 29 ms for Netty, whose JDBC executor's queue is FIFO).
     */
    private final BlockingQueue<Session> free;

    /**
     * Opens the pool.
     *
     * @param url  the JDBC URL, user included
     * @param size the number of connections
     * @throws SQLException if a connection cannot be opened or a statement prepared
     */
    public Database(String url, int size) throws SQLException {
        if (size < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection, got " + size);
        }
        all = new ArrayList<>(size);
        free = new ArrayBlockingQueue<>(size, true);
        try {
            for (int i = 0; i < size; i++) {
                Session s = new Session(DriverManager.getConnection(url));
                all.add(s);
                free.add(s);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /**
     * TechEmpower's single query: one random row of {@code World}.
     *
     * @return the row
     * @throws SQLException         if the query fails
     * @throws InterruptedException if interrupted while waiting for a connection
     */
    public World randomWorld() throws SQLException, InterruptedException {
        int id = ThreadLocalRandom.current().nextInt(1, World.ROWS + 1);
        Session s = free.take();
        try {
            return s.world(id);
        } finally {
            free.add(s);
        }
    }

    /**
     * Every row of {@code Fortune}, in the database's order.
     *
     * @return the rows
     * @throws SQLException         if the query fails
     * @throws InterruptedException if interrupted while waiting for a connection
     */
    public List<Fortune> fortunes() throws SQLException, InterruptedException {
        Session s = free.take();
        try {
            return s.fortunes();
        } finally {
            free.add(s);
        }
    }

    @Override
    public void close() {
        for (Session s : all) {
            try {
                s.connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    /** One connection and its statements; used by one thread at a time, the one that took it from the pool. */
    private static final class Session {
        final Connection connection;
        final PreparedStatement world;
        final PreparedStatement fortunes;

        Session(Connection connection) throws SQLException {
            this.connection = connection;
            world = connection.prepareStatement("SELECT id, randomnumber FROM world WHERE id = ?");
            fortunes = connection.prepareStatement("SELECT id, message FROM fortune");
        }

        World world(int id) throws SQLException {
            world.setInt(1, id);
            try (ResultSet r = world.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no row " + id + " in world");
                }
                return new World(r.getInt(1), r.getInt(2));
            }
        }

        List<Fortune> fortunes() throws SQLException {
            List<Fortune> rows = new ArrayList<>(16);
            try (ResultSet r = fortunes.executeQuery()) {
                while (r.next()) {
                    rows.add(new Fortune(r.getInt(1), r.getString(2)));
                }
            }
            return rows;
        }
    }
}
