package io.rungu.store.internal.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * The store's way into its database: reads on a read connection, writes in one transaction on a write
 * connection. Implementations decide the connection layout per dialect (one SQLite writer, a PostgreSQL pool).
 */
public interface Database extends AutoCloseable {

    /** The SQL dialect, which holds every statement that differs between databases. */
    Dialect dialect();

    /** Runs {@code work} on a connection for reading; it must not write. */
    <T, X extends Exception> T read(HandleCallback<T, X> work) throws X;

    /** Runs {@code work} in one write transaction, committed when it returns, rolled back when it throws. */
    <T, X extends Exception> T write(HandleCallback<T, X> work) throws X;

    /**
     * Runs {@code work}, a small write, in a write transaction that may hold other callers' writes too (group
     * commit), each in its own savepoint: when {@code work} throws, only what it wrote is rolled back and the
     * exception reaches this caller. Returns only once that transaction has committed. {@code work} may run on
     * another thread, must use only the handle it is given and must not start another write. By default a
     * transaction of its own, as {@link #write}. Only for writes that change no account, session, token or role
     * (votes, and the event consumers' positions and notifications): they leave {@link #accountWriteGeneration} as
     * it is.
     */
    default <T> T writeGrouped(HandleCallback<T, RuntimeException> work) {
        return write(work);
    }

    /**
     * A number that changes after every write and maintenance call of this instance, committed or not. Caches of
     * read results remember it and drop what they kept once it moved. Writes by other processes or servers sharing
     * the database do not change it, unless {@link #watchOtherWriters} says they do.
     */
    long writeGeneration();

    /**
     * Starts moving {@link #writeGeneration} and {@link #accountWriteGeneration} also for every commit another
     * connection makes to this database, noticed at most {@code within} after it; true when this database can
     * (SQLite, on a file), so what is kept needs no time limit of its own. False where commits elsewhere cannot all
     * be seen (PostgreSQL: another server's writes): kept values must then expire. Idempotent; the shortest
     * {@code within} asked for holds.
     */
    default boolean watchOtherWriters(java.time.Duration within) {
        return false;
    }

    /** How long {@link #keepReadsFor} keeps a value where every writer's commit moves the write generation. */
    java.time.Duration UNTIL_NEXT_WRITE = java.time.Duration.ofNanos(Long.MAX_VALUE);

    /**
     * How long a cache of reads from {@code database} may use a value: {@code ttl} where commits made elsewhere
     * cannot all be noticed; where they can ({@link #watchOtherWriters}, started here with {@code ttl}), for as
     * long as the write generation stays where it was, so a quiet board is not read again every {@code ttl}.
     * A zero {@code ttl} (nothing kept) stays zero.
     */
    static java.time.Duration keepReadsFor(Database database, java.time.Duration ttl) {
        return ttl.isZero() || !database.watchOtherWriters(ttl) ? ttl : UNTIL_NEXT_WRITE;
    }

    /**
     * As {@link #writeGeneration}, without the moves of {@link #writeGrouped} writes, which never change accounts or
     * sessions: the session cache keeps its entries through a stream of votes. Also moved by other servers' writes
     * wherever {@link #writeGeneration} is.
     */
    default long accountWriteGeneration() {
        return writeGeneration();
    }

    /**
     * Starts moving {@link #writeGeneration} also when another server appends events to the same database, so this
     * store's event thread wakes for them at once and its kept reads are dropped; for PostgreSQL, by LISTEN on one
     * connection held for it. Idempotent; nothing where one process writes (SQLite).
     */
    default void watchOtherServers() {}

    /**
     * True unless a watch for other servers' events has been started and is not listening yet: connecting moves the
     * write generation once, so a caller comparing generations waits for this first.
     */
    default boolean watchSettled() {
        return true;
    }

    /** Runs {@code work} with a raw handle outside any transaction (migrations, maintenance). */
    <T, X extends Exception> T maintenance(HandleCallback<T, X> work) throws X;

    /**
     * Runs {@code work} in one read-only transaction that sees a single consistent state of the whole database,
     * however long it runs and whatever is written meanwhile (a data transfer reads every table in one).
     */
    <T, X extends Exception> T snapshot(HandleCallback<T, X> work) throws X;

    /**
     * Writes a consistent copy of the live database to {@code file}, which must not exist, without stopping
     * writers.
     *
     * @throws UnsupportedOperationException where the database has its own tools for this (PostgreSQL: pg_dump)
     */
    void backupTo(java.nio.file.Path file);

    /**
     * After data was deleted for good (an account erased): makes it unrecoverable from the database's own files
     * where the database allows. SQLite, which overwrites freed space as it goes ({@code secure_delete}), moves its
     * write-ahead log into the file and truncates the log; PostgreSQL keeps old row versions until VACUUM, so
     * nothing is done here.
     */
    default void eraseFreedData() {
    }

    /** The connection pools this database opened, now; empty over a host's data source. */
    default java.util.List<io.rungu.store.StoreStats.Pool> pools() {
        return java.util.List.of();
    }

    /** Closes every connection this database opened (a host data source is left alone). */
    @Override
    void close();

    /** Convenience for statements without a result. */
    default void writeVoid(HandleConsumer work) {
        write(h -> {
            work.accept(h);
            return null;
        });
    }

    /** A unit of work that returns nothing. */
    @FunctionalInterface
    interface HandleConsumer {
        void accept(Handle handle);
    }
}
