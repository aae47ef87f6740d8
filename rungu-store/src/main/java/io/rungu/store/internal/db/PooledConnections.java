package io.rungu.store.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * A fixed set of connections handed out one caller at a time, for Jdbi. With one connection it is the single
 * SQLite writer: callers queue for it instead of meeting SQLITE_BUSY. Connections are opened lazily and
 * replaced when they are found closed. The connection returned last is handed out first: each SQLite connection has
 * its own page cache, and a search handed the connection that just read the same index pages finds them there
 * (handed round in turn, one client's searches each met a cold cache: 40-60 ms instead of 5-10 at 1M posts).
 */
final class PooledConnections implements ConnectionFactory, AutoCloseable {
    private final ConnectionOpener opener;
    private final BlockingDeque<Slot> idle;
    private final List<Slot> all = new ArrayList<>();
    private final long waitMillis;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    PooledConnections(int size, long waitMillis, ConnectionOpener opener) {
        this.opener = opener;
        this.waitMillis = waitMillis;
        this.idle = new LinkedBlockingDeque<>(size);
        for (int i = 0; i < size; i++) {
            Slot slot = new Slot();
            all.add(slot);
            idle.add(slot);
        }
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (closed) {
            throw new SQLException("The store is closed");
        }
        Slot slot = idle.pollFirst();
        if (slot == null) {
            waiting.incrementAndGet();
            try {
                slot = idle.pollFirst(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for a database connection", e);
            } finally {
                waiting.decrementAndGet();
            }
        }
        if (slot == null) {
            throw new SQLException("No database connection free within " + waitMillis + " ms");
        }
        try {
            synchronized (slot) {
                if (slot.connection == null || slot.connection.isClosed()) {
                    slot.connection = opener.open();
                }
                slot.borrowed = true;
                return slot.connection;
            }
        } catch (SQLException | RuntimeException e) {
            idle.addFirst(slot);
            throw e;
        }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        for (Slot slot : all) {
            synchronized (slot) {
                if (slot.connection == connection && slot.borrowed) {
                    slot.borrowed = false;
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    idle.addFirst(slot);
                    return;
                }
            }
        }
        connection.close();
    }

    /** This pool now, as {@code RunguStore.stats()} reports it. */
    io.rungu.store.StoreStats.Pool stats(String name) {
        return new io.rungu.store.StoreStats.Pool(name, all.size(), inUse(), waiting());
    }

    /** Connections handed out now. */
    int inUse() {
        return all.size() - idle.size();
    }

    /** Callers waiting for a connection now (for the writer: writes queued behind the one in progress). */
    int waiting() {
        return waiting.get();
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : all) {
            synchronized (slot) {
                if (slot.connection != null) {
                    try {
                        slot.connection.close();
                    } catch (SQLException ignored) {
                        // closing at shutdown: nothing left to do with a failure
                    }
                    slot.connection = null;
                }
            }
        }
    }

    /** Opens one new physical connection. */
    @FunctionalInterface
    interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private static final class Slot {
        Connection connection;
        boolean borrowed;
    }
}
