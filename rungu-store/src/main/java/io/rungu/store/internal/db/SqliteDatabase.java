package io.rungu.store.internal.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * SQLite opened deliberately: WAL, foreign keys, a busy timeout, {@code synchronous=NORMAL}; every write goes
 * through one writer connection in an IMMEDIATE transaction, so concurrent writers queue in the JVM instead of
 * meeting SQLITE_BUSY; reads use a small pool. The WAL is checkpointed by a background thread instead of
 * inside whichever commit crosses the threshold, which keeps that stall off the request path.
 */
public final class SqliteDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final long CONNECTION_WAIT_MILLIS = 30_000;
    /** Safety net if the background checkpoint falls behind: SQLite then checkpoints on commit as usual. */
    private static final int WAL_AUTOCHECKPOINT_PAGES = 20_000;

    private final Dialect dialect = new SqliteDialect();
    private final PooledConnections writerConnection;
    private final PooledConnections readerConnections;
    private final Jdbi writer;
    private final Jdbi reader;
    private final ScheduledExecutorService checkpointer;
    /** Builds the search postings in the background when due ({@link SearchPostings#due}); null in memory. */
    private final ScheduledExecutorService postingsBuilder;
    private final SearchPostings postings = new SearchPostings();
    /** How often the background thread looks whether the search postings are due. */
    private static final long POSTINGS_CHECK_SECONDS = 60;
    private final WriteGeneration generation = new WriteGeneration();
    /** Moved by every write but grouped ones ({@link #accountWriteGeneration}). */
    private final WriteGeneration accountGeneration = new WriteGeneration();
    private final GroupCommit groupCommit;
    /** Notices other processes' commits to the file once {@link #watchOtherWriters} is called; null in memory. */
    private final OtherWriters otherWriters;

    /**
     * @param url              {@code jdbc:sqlite:<file>} or {@code jdbc:sqlite::memory:}
     * @param readConnections  size of the read pool (in-memory databases read through the writer)
     */
    public SqliteDatabase(String url, int readConnections, Duration busyTimeout) {
        boolean inMemory = isInMemory(url);
        if (!inMemory) {
            createParentDirectory(url);
            if (!url.contains("mode=ro") && !url.contains("mode=rw")) { // those modes must not create the file
                OwnerOnlyFiles.createIfMissing(fileOf(url));
            }
        }
        writerConnection = new PooledConnections(1, CONNECTION_WAIT_MILLIS,
                () -> open(url, busyTimeout, SQLiteConfig.TransactionMode.IMMEDIATE, false));
        writer = configure(Jdbi.create(writerConnection)).setStatementBuilderFactory(new StatementCache());
        if (inMemory) {
            readerConnections = null;
            reader = writer;
            checkpointer = null;
        } else {
            // The writer opens first so the file exists in WAL mode before readers attach.
            writer.useHandle(h -> h.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES));
            readerConnections = new PooledConnections(readConnections, CONNECTION_WAIT_MILLIS,
                    () -> open(url, busyTimeout, SQLiteConfig.TransactionMode.DEFERRED, true));
            reader = configure(Jdbi.create(readerConnections)).setStatementBuilderFactory(new StatementCache());
            checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rungu-sqlite-checkpoint");
                t.setDaemon(true);
                return t;
            });
            checkpointer.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        }
        if (inMemory) {
            postingsBuilder = null;
        } else {
            postingsBuilder = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rungu-sqlite-search-postings");
                t.setDaemon(true);
                return t;
            });
            postingsBuilder.scheduleWithFixedDelay(this::buildSearchPostingsIfDue, POSTINGS_CHECK_SECONDS,
                    POSTINGS_CHECK_SECONDS, TimeUnit.SECONDS);
        }
        groupCommit = new GroupCommit("rungu-sqlite-group-commit", writer::inTransaction, generation::bump);
        otherWriters = inMemory ? null : new OtherWriters(
                () -> open(url, busyTimeout, SQLiteConfig.TransactionMode.DEFERRED, true), System::nanoTime, () -> {
                    generation.bump();
                    accountGeneration.bump();
                });
    }

    @Override
    public java.util.List<io.rungu.store.StoreStats.Pool> pools() {
        return readerConnections == null ? java.util.List.of(writerConnection.stats("write"))
                : java.util.List.of(readerConnections.stats("read"), writerConnection.stats("write"));
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public <T, X extends Exception> T read(HandleCallback<T, X> work) throws X {
        return reader.withHandle(work);
    }

    @Override
    public <T, X extends Exception> T write(HandleCallback<T, X> work) throws X {
        return accountGeneration.counting(() -> generation.counting(() -> writer.inTransaction(work)));
    }

    /** Group commit on the single writer: the writes queued while one transaction runs share the next one. */
    @Override
    public <T> T writeGrouped(HandleCallback<T, RuntimeException> work) {
        return groupCommit.write(work);
    }

    @Override
    public <T, X extends Exception> T maintenance(HandleCallback<T, X> work) throws X {
        return accountGeneration.counting(() -> generation.counting(() -> writer.withHandle(work)));
    }

    @Override
    public long writeGeneration() {
        if (otherWriters != null) {
            otherWriters.look();
        }
        return generation.get();
    }

    @Override
    public long accountWriteGeneration() {
        if (otherWriters != null) {
            otherWriters.look();
        }
        return accountGeneration.get();
    }

    /**
     * Another process's commit to the file is noticed through {@code PRAGMA data_version}, looked at at most
     * {@code within} apart ({@link OtherWriters}). Not in memory: no other process can reach that database, but
     * another store of this process on a shared in-memory database could, unseen.
     */
    @Override
    public boolean watchOtherWriters(Duration within) {
        if (otherWriters == null) {
            return false;
        }
        otherWriters.watch(within);
        return true;
    }

    /** A deferred transaction on a read connection: its snapshot starts at the first read and holds to the end. */
    @Override
    public <T, X extends Exception> T snapshot(HandleCallback<T, X> work) throws X {
        return reader.inTransaction(work);
    }

    /**
     * {@code VACUUM INTO}: SQLite writes a compacted, consistent copy from one read transaction, so writers
     * carry on meanwhile (in this process and in a server running on the same file).
     */
    @Override
    public void backupTo(Path file) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException("The backup file " + file + " already exists; choose a new name");
        }
        // VACUUM INTO fills an existing empty file, keeping the owner-only permissions given here.
        OwnerOnlyFiles.createIfMissing(file);
        writer.useHandle(h -> h.createUpdate("VACUUM INTO :file").bind("file", file.toAbsolutePath().toString())
                .execute());
    }

    @Override
    public void close() {
        if (postingsBuilder != null) {
            // A build reads for seconds at 1M posts; it stops between phrases when interrupted.
            postingsBuilder.shutdownNow();
            awaitStop(postingsBuilder, "The search postings build");
        }
        groupCommit.close();
        if (otherWriters != null) {
            otherWriters.close();
        }
        if (checkpointer != null) {
            // Let a running checkpoint finish before its connection is closed under it.
            checkpointer.shutdown();
            awaitStop(checkpointer, "The background WAL checkpoint");
        }
        if (readerConnections != null) {
            readerConnections.close();
        }
        writerConnection.close();
    }

    @Override
    public void eraseFreedData() {
        if (checkpointer == null) {
            return; // in memory: no files
        }
        // TRUNCATE waits (busy timeout) for readers of older snapshots, copies every frame and empties the log.
        int busy = maintenance(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapTo(Integer.class).first());
        if (busy != 0) {
            LOG.warn("The WAL could not be truncated after an erasure (readers busy); it is checkpointed later");
        }
    }

    private static void awaitStop(ScheduledExecutorService executor, String what) {
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 10 s; closing anyway", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds the search postings when they are due: read from one snapshot on a reading connection, each phrase's
     * written as it is read, in a transaction of its own, so writers wait for one phrase's rows at a time, not for the
     * build, and the build holds one phrase's postings at a time.
     */
    private void buildSearchPostingsIfDue() {
        try {
            boolean ready = reader.withHandle(h -> h.createQuery("SELECT count(*) FROM sqlite_master "
                    + "WHERE name = 'search_postings_builds'").mapTo(Integer.class).one() > 0);
            if (!ready || !reader.withHandle(postings::due)) {
                return;
            }
            long started = System.nanoTime();
            write(h -> {
                postings.begin(h, Instant.now());
                return null;
            });
            int[] phrases = {0};
            SearchPostings.Built built = reader.inTransaction(h -> postings.compute(h, phrase -> {
                phrases[0]++;
                write(w -> {
                    postings.storePhrase(w, phrase);
                    return null;
                });
            }));
            write(h -> {
                postings.finish(h, built, Instant.now());
                return null;
            });
            LOG.info("Search postings built for {} common phrases in {} ms", phrases[0],
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.warn("Building the search postings failed; searches rank every match until the next try", e);
            }
        }
    }

    private void checkpoint() {
        try {
            reader.useHandle(h -> h.execute("PRAGMA wal_checkpoint(PASSIVE)"));
        } catch (RuntimeException e) {
            LOG.warn("Background WAL checkpoint failed; SQLite will checkpoint on commit instead", e);
        }
    }

    static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantAsText());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Timestamps.parse(rs.getString(column)));
        return jdbi;
    }

    private static Connection open(String url, Duration busyTimeout, SQLiteConfig.TransactionMode mode,
                                   boolean queryOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.setTransactionMode(mode);
        // Nothing reads generated keys (RETURNING gives them). With them on, sqlite-jdbc runs a second statement
        // after every INSERT and keeps its result open until the INSERT's statement is used again: with statements
        // kept (StatementCache) that open result made VACUUM INTO, the backup, fail as "statements in progress".
        config.setGetGeneratedKeys(false);
        Connection connection = config.createConnection(url);
        try (Statement s = connection.createStatement()) {
            // Deleted rows are overwritten, not left in free space: an erased account's email must not survive.
            s.execute("PRAGMA secure_delete = ON");
            if (!queryOnly) {
                // Group commit runs each write in a savepoint, whose statement journal SQLite spills to a temporary
                // file past 64 KiB: a vote batch wrote every page it touched there (about 9 % of the server's CPU
                // under vote load). In memory it costs the pages of one batch, freed at its commit.
                s.execute("PRAGMA temp_store = MEMORY");
                // 8 MiB of pages for the writer (SQLite's default: 2 MiB). A vote reads a post, its vote and index
                // pages spread over the file: at 100k posts 3.3k toggles/s with 2 MiB, 3.7k with 8, 4.3k with 16,
                // which the 256 MB a server at 1M posts may use has no room for (docs/operations.md).
                s.execute("PRAGMA cache_size = -8192");
            }
            // The search index's term list, per connection (so no schema change), read by SqliteDialect.search;
            // made before query_only, which refuses even temporary tables. Nothing is read until it is queried.
            s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.posts_fts_terms "
                    + "USING fts5vocab(main, posts_fts, 'row')");
            // Each word's postings with their columns, read by SearchPostings to build its own.
            s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.posts_fts_instances "
                    + "USING fts5vocab(main, posts_fts, 'instance')");
            if (queryOnly) {
                s.execute("PRAGMA query_only = 1");
            }
        }
        return connection;
    }

    private static boolean isInMemory(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        return rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory");
    }

    private static Path fileOf(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int query = rest.indexOf('?');
        return Path.of(query < 0 ? rest : rest.substring(0, query)).toAbsolutePath();
    }

    private static void createParentDirectory(String url) {
        Path parent = fileOf(url).getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the database directory " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Binds {@link Instant} as the fixed-width text of {@link Timestamps}. */
    private static final class InstantAsText extends AbstractArgumentFactory<Instant> {
        InstantAsText() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, Timestamps.format(value));
        }
    }
}
