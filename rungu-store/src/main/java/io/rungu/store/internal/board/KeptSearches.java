package io.rungu.store.internal.board;

import io.rungu.store.internal.cache.BoundedCache;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What searches read from the full-text index alone, kept while the index stays the same
 * ({@link io.rungu.store.internal.db.Dialect#searchIndexVersion}): the expression a query's words make (the words
 * a prefix stands for), a board's number of matches, a page ranked by relevance. These depend on nothing else (see
 * {@link PostLists#list}), so a kept value is never out of date, whatever the time: any change to the index, by this
 * store or another process on the same file, changes the version and drops every kept value. Votes do not touch the
 * index, so they leave the kept values alone.
 *
 * <p>The least recently used go first once the values weigh {@code maxBytes} (estimated).
 */
final class KeptSearches {
    /** Keeps nothing. */
    static final KeptSearches NONE = new KeptSearches(0);

    private final long maxBytes;
    private BoundedCache<Object, Kept> kept; // guarded by this; replaced when the version changes
    private String version;                  // guarded by this: the index version the kept values were read at
    private long hits;
    private long misses;

    KeptSearches(long maxBytes) {
        this.maxBytes = maxBytes;
        this.kept = BoundedCache.ofBytes(Math.max(1, maxBytes), Kept::bytes);
    }

    /** False when nothing is kept: the caller need not read the index's version. */
    boolean enabled() {
        return maxBytes > 0;
    }

    /**
     * The value kept for {@code key} at {@code version}, else {@code read} (run without holding a lock) kept if the
     * version is still the current one. A null version keeps nothing.
     */
    @SuppressWarnings("unchecked")
    <T> T get(String version, Object key, Supplier<T> read, ToLongFunction<T> bytes) {
        if (version == null || !enabled()) {
            return read.get();
        }
        synchronized (this) {
            if (!version.equals(this.version)) {
                this.version = version;
                this.kept = BoundedCache.ofBytes(maxBytes, Kept::bytes);
            }
            Kept found = kept.get(key);
            if (found != null) {
                hits++;
                return (T) found.value;
            }
            misses++;
        }
        T value = read.get();
        synchronized (this) {
            // A reader that started before the index changed must not keep what it read for the new version.
            if (version.equals(this.version)) {
                kept.put(key, new Kept(value, KEY_BYTES + bytes.applyAsLong(value)));
            }
        }
        return value;
    }

    /** Hits and misses since the store opened. */
    synchronized long[] counts() {
        return new long[] {hits, misses};
    }

    /** Estimated heap of a key (a few strings and numbers) and its entry, besides the value. */
    static final long KEY_BYTES = 200;

    private record Kept(Object value, long bytes) {}
}
