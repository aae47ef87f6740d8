package io.rungu.store.internal.board;

import io.rungu.store.internal.cache.BoundedCache;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Values read from the database, kept for the next request that asks for the same key.
 *
 * <p>A value is kept with the database's write generation at the time its read began and is used only while the
 * generation is unchanged, so any write through this store (a vote, a comment, a renamed author) makes every kept
 * value stale at once, and a value read while a write was committing is never used. On SQLite the generation also
 * moves for another process's commits ({@code Database.watchOtherWriters}), and a value is kept until it moves. A
 * PostgreSQL server cannot see every write of another server that way: there the time to live bounds how long a
 * value may miss them. The heap bound ({@link BoundedCache}) drops the least recently used values first.
 *
 * @param <K> what selects a value (a record, compared by value)
 * @param <V> an immutable value, shared by every caller that gets it
 */
final class ReadCache<K, V> {
    private record Entry<V>(V value, long generation, long storedAt, long bytes) {}

    private final LongSupplier generation;
    private final LongSupplier nanoTime;
    private final ToLongFunction<V> weigher;
    private final long ttlNanos;
    private final BoundedCache<K, Entry<V>> entries;
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();

    /**
     * @param generation the database's {@code writeGeneration}
     * @param ttl        how long a value may be used ({@code Database.UNTIL_NEXT_WRITE}: no limit); zero keeps nothing
     * @param maxBytes   estimated heap the kept values may take
     * @param weigher    the estimated heap of one value
     * @param nanoTime   a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    ReadCache(LongSupplier generation, Duration ttl, long maxBytes, ToLongFunction<V> weigher, LongSupplier nanoTime) {
        this.generation = generation;
        this.ttlNanos = ttl.toNanos();
        this.entries = BoundedCache.ofBytes(maxBytes, Entry::bytes);
        this.weigher = weigher;
        this.nanoTime = nanoTime;
    }

    boolean enabled() {
        return ttlNanos > 0 && entries.maxWeight() > 0;
    }

    /** The generation to pass to {@link #put} for a read that starts now. */
    long generationNow() {
        return generation.getAsLong();
    }

    /** The kept value for {@code key}, else what {@code read} returns, kept unless a write came during the read. */
    V getOrRead(K key, Supplier<V> read) {
        V kept = get(key);
        if (kept != null) {
            return kept;
        }
        long generationAtRead = generationNow();
        V value = read.get();
        put(key, value, generationAtRead);
        return value;
    }

    /** The kept value for {@code key}, or null when there is none or it may be stale. */
    V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            miss();
            return null;
        }
        if (entry.generation != generation.getAsLong() || nanoTime.getAsLong() - entry.storedAt >= ttlNanos) {
            entries.remove(key, entry);
            miss();
            return null;
        }
        hits.increment();
        return entry.value;
    }

    private void miss() {
        if (enabled()) {
            misses.increment();
        }
    }

    /** Values served from the cache since it was made. */
    long hits() {
        return hits.sum();
    }

    /** Asks the cache could not answer (nothing kept, or stale) since it was made; none while it keeps nothing. */
    long misses() {
        return misses.sum();
    }

    /** Keeps {@code value}, read by a read that began at {@code generationAtRead}, unless a write came since. */
    void put(K key, V value, long generationAtRead) {
        if (generationAtRead != generation.getAsLong()) {
            return;
        }
        entries.put(key, new Entry<>(value, generationAtRead, nanoTime.getAsLong(), weigher.applyAsLong(value)));
    }

    int size() {
        return entries.size();
    }
}
