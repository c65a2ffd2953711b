package io.jvicorn.benchmarks.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fixed pool of plain JDBC connections to the benchmark database, each with its two statements prepared. A caller
 * with no free connection waits for one (a virtual thread unmounts while it waits); no connection is ever opened after
 * start-up.
 */
public final class Database implements AutoCloseable {
    private final List<Session> all;
    /**
     * Who may take a session next: a fair semaphore, so waiters get sessions strictly in the order they asked, as the
     * FIFO queue of Netty's JDBC executor serves its requests. An {@code ArrayBlockingQueue} built fair was not enough:
     * its fairness is its lock's, not a promise about who gets the next element, and at 256 requests for 8 sessions
     * it gave every virtual-thread server a p99 of 3 to 6 times Netty's (measured: jvicorn single query c256, 79 ms
     * with it, 20 to 25 ms with this semaphore at the same req/s; Netty 21 ms).
     */
    private final Semaphore turns;
    /** The free sessions: as many as {@link #turns} has permits. */
    private final Queue<Session> free = new ConcurrentLinkedQueue<>();

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
        turns = new Semaphore(size, true);
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
        Session s = take();
        try {
            return s.world(id);
        } finally {
            giveBack(s);
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
        Session s = take();
        try {
            return s.fortunes();
        } finally {
            giveBack(s);
        }
    }

    private Session take() throws InterruptedException {
        turns.acquire();
        Session s = free.poll();
        if (s == null) {
            turns.release();
            throw new IllegalStateException("a permit without a free session: the pool's count is broken");
        }
        return s;
    }

    private void giveBack(Session s) {
        free.add(s);
        turns.release();
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
