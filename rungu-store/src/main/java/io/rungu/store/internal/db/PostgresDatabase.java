package io.rungu.store.internal.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, the scale-out path: any number of connections (from the host's data source, or from a small
 * internal pool when given a URL), writes in READ COMMITTED transactions. Counters are kept exact by atomic
 * trigger updates under row locks, so several servers can share one database. A write that PostgreSQL aborts
 * as a deadlock or serialization failure is run again, because nothing of it was committed.
 */
public final class PostgresDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final long CONNECTION_WAIT_MILLIS = 30_000;
    private static final int WRITE_ATTEMPTS = 5;
    private static final String DRIVER = "org.postgresql.Driver";

    private final Dialect dialect;
    private final AutoCloseable owned;
    private final Jdbi jdbi;
    private final WriteGeneration generation = new WriteGeneration();
    /** Opens the connection held for LISTEN, outside the pool's count. */
    private final ConnectionSource listenConnections;
    private Thread watcher;
    private volatile boolean closed;
    private volatile boolean listening;

    /** Opens a raw connection. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * Over a data source; it is closed with this database only when {@code owned} (and closeable). With a
     * {@code schema}, each borrowed connection's search path is set to it and restored when it is returned.
     */
    public PostgresDatabase(DataSource dataSource, boolean owned, String schema) {
        this.owned = owned && dataSource instanceof AutoCloseable c ? c : null;
        this.dialect = new PostgresDialect(schema);
        this.jdbi = configure(Jdbi.create(schema == null ? dataSource : new SchemaDataSource(dataSource, schema)));
        this.listenConnections = dataSource::getConnection;
    }

    /**
     * Over {@code poolSize} connections opened from a {@code jdbc:postgresql:} URL; with a {@code schema}, they
     * open with {@code currentSchema} set to it.
     */
    public PostgresDatabase(String url, int poolSize, String schema) {
        requireDriver();
        this.dialect = new PostgresDialect(schema);
        // Batched inserts (bulk loads, data transfers) go as multi-row INSERTs unless the URL says otherwise.
        java.util.Properties defaults = new java.util.Properties();
        defaults.setProperty("reWriteBatchedInserts", "true");
        if (schema != null) {
            defaults.setProperty("currentSchema", schema);
        }
        PooledConnections pool = new PooledConnections(poolSize, CONNECTION_WAIT_MILLIS,
                () -> DriverManager.getConnection(url, defaults));
        this.owned = pool;
        this.jdbi = configure(Jdbi.create(pool));
        this.listenConnections = () -> DriverManager.getConnection(url, defaults);
    }

    @Override
    public java.util.List<io.rungu.store.StoreStats.Pool> pools() {
        return owned instanceof PooledConnections pool ? java.util.List.of(pool.stats("pool")) : java.util.List.of();
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public <T, X extends Exception> T read(HandleCallback<T, X> work) throws X {
        return jdbi.withHandle(work);
    }

    @Override
    public <T, X extends Exception> T write(HandleCallback<T, X> work) throws X {
        return generation.counting(() -> writeWithRetries(work));
    }

    private <T, X extends Exception> T writeWithRetries(HandleCallback<T, X> work) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
            } catch (RuntimeException e) {
                if (attempt >= WRITE_ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                LOG.debug("Write transaction aborted by PostgreSQL ({}), attempt {}; running it again",
                        e.getMessage(), attempt);
            }
        }
    }

    @Override
    public <T, X extends Exception> T maintenance(HandleCallback<T, X> work) throws X {
        return generation.counting(() -> jdbi.withHandle(work));
    }

    @Override
    public long writeGeneration() {
        return generation.get();
    }

    /** REPEATABLE READ, read only: every statement sees the state of the first one. */
    @Override
    public <T, X extends Exception> T snapshot(HandleCallback<T, X> work) throws X {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.execute("SET TRANSACTION READ ONLY");
            return work.withHandle(h);
        });
    }

    @Override
    public void backupTo(java.nio.file.Path file) {
        throw new UnsupportedOperationException("Back up a PostgreSQL database with its own tools: "
                + "pg_dump --format=custom --file=rungu.dump <database>, or copy it into SQLite with "
                + "rungu migrate --from <postgres url> --to jdbc:sqlite:<file>");
    }

    @Override
    public synchronized boolean watchSettled() {
        return watcher == null || listening;
    }

    @Override
    public synchronized void watchOtherServers() {
        if (watcher != null || closed) {
            return;
        }
        watcher = new Thread(this::watch, "rungu-events-listen");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Holds one connection listening on the events channel and moves the write generation for each notice from
     * another store; reconnects after a failure, moving the generation once more for what it may have missed.
     */
    private void watch() {
        long backoff = 500;
        while (!closed) {
            try (Connection c = listenConnections.open()) {
                c.setAutoCommit(true);
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("LISTEN " + PostgresDialect.EVENTS_CHANNEL);
                }
                generation.bump();
                listening = true;
                backoff = 500;
                org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
                while (!closed) {
                    org.postgresql.PGNotification[] notices = pg.getNotifications(500);
                    if (notices == null) {
                        continue;
                    }
                    for (org.postgresql.PGNotification notice : notices) {
                        if (!dialect.origin().equals(notice.getParameter())) {
                            generation.bump();
                            break;
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Listening for other servers' events failed ({}); retrying in {} ms, polling meanwhile",
                        e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = watcher;
        }
        if (running != null) {
            try {
                running.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn("Closing the PostgreSQL connections failed", e);
            }
        }
    }

    /** True for the SQLStates of a transaction PostgreSQL rolled back to resolve a conflict (40001, 40P01). */
    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The database product behind a data source, as its driver names it (e.g. "PostgreSQL", "SQLite"). */
    public static String productOf(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect through the given dataSource: " + e.getMessage(), e);
        }
    }

    private static void requireDriver() {
        try {
            Class.forName(DRIVER);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("A jdbc:postgresql: URL needs the PostgreSQL JDBC driver on the classpath: "
                    + "add the dependency org.postgresql:postgresql (rungu-store declares it optional)", e);
        }
    }

    static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantAsTimestamptz());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Timestamps.read(rs, column));
        return jdbi;
    }

    /** Binds {@link Instant} as TIMESTAMPTZ; the instants are already cut to microseconds, which it keeps. */
    private static final class InstantAsTimestamptz extends AbstractArgumentFactory<Instant> {
        InstantAsTimestamptz() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
