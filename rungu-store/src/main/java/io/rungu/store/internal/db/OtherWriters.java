package io.rungu.store.internal.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices commits that other connections made to a SQLite file (another process: a CLI command, a second server),
 * through {@code PRAGMA data_version} on a connection of its own: the number changes when any other connection has
 * committed since that connection last asked. It asks at most once per interval, on whichever thread wants to know
 * first ({@link #look}); a thread that finds another one asking goes on without waiting. So a server that nobody
 * asks holds no thread and runs no statement, and a commit made elsewhere is noticed at the first look after it, at
 * most one interval late.
 *
 * <p>This server's own writer is another connection too, so its commits are noticed as well: harmless, as they
 * moved the write generation already.
 */
final class OtherWriters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OtherWriters.class);

    /** Opens the connection that asks; called under the lock, again after a failure. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final LongSupplier nanoTime;
    private final Runnable changed;
    private final ReentrantLock lock = new ReentrantLock();
    /** Zero until {@link #watch}: nothing is asked. */
    private volatile long intervalNanos;
    private volatile long nextLook;
    private Connection connection;
    private long version;
    /** A look failed: commits may have been missed until the next look that succeeds, which counts as a change. */
    private boolean lost;
    private boolean closed;

    /**
     * @param changed run when another connection has committed since the last look (moves the write generations)
     */
    OtherWriters(Opener opener, LongSupplier nanoTime, Runnable changed) {
        this.opener = opener;
        this.nanoTime = nanoTime;
        this.changed = changed;
    }

    /**
     * Starts noticing other connections' commits at most {@code interval} after they happen; a second call keeps the
     * shorter interval. The first look is made now, so what is read from here on is compared with this state.
     */
    void watch(Duration interval) {
        long nanos = Math.max(1, interval.toNanos());
        lock.lock();
        try {
            if (closed) {
                return;
            }
            intervalNanos = intervalNanos == 0 ? nanos : Math.min(intervalNanos, nanos);
            nextLook = nanoTime.getAsLong();
        } finally {
            lock.unlock();
        }
        look();
    }

    /** Asks SQLite whether another connection committed, when the interval has passed since the last look. */
    void look() {
        long interval = intervalNanos;
        if (interval == 0 || nanoTime.getAsLong() - nextLook < 0 || !lock.tryLock()) {
            return;
        }
        try {
            long now = nanoTime.getAsLong();
            if (closed || now - nextLook < 0) {
                return; // closed, or another thread looked while this one came for the lock
            }
            nextLook = now + interval;
            boolean first = connection == null;
            long seen = dataVersion();
            if (lost || !first && seen != version) {
                changed.run();
            }
            version = seen;
            lost = false;
        } catch (SQLException e) {
            // Kept values must not outlive a commit this cannot see: a failed look counts as a change, and so does
            // the next one that succeeds (a new connection's number says nothing of the commits in between).
            LOG.warn("Looking for other processes' writes to the SQLite file failed ({}); dropping kept reads", e.toString());
            closeConnection();
            lost = true;
            changed.run();
        } finally {
            lock.unlock();
        }
    }

    private long dataVersion() throws SQLException {
        if (connection == null) {
            connection = opener.open();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the connection that looks for other writers failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeConnection();
        } finally {
            lock.unlock();
        }
    }
}
