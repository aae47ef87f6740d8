package io.rungu.store;

import java.util.List;

/**
 * What a store is doing now, for monitoring ({@code /metrics}): its connection pools and its kept reads. Cheap to
 * take (no database access).
 *
 * @param pools          the connection pools this store opened: SQLite's {@code read} pool and its single
 *                       {@code write} connection (whose waiting callers are the queued writes), or PostgreSQL's
 *                       {@code pool}; empty over a host's data source, whose pool reports itself
 * @param keptReadHits   list pages and posts served from what the store kept (docs/store.md, "Kept pages")
 *                       since it opened
 * @param keptReadMisses list pages and posts the store had to read (nothing kept, or stale) since it opened; none
 *                       while it keeps nothing ({@code cacheTtl} zero)
 */
public record StoreStats(List<Pool> pools, long keptReadHits, long keptReadMisses) {
    /** Copies the list. */
    public StoreStats {
        pools = List.copyOf(pools);
    }

    /**
     * One connection pool.
     *
     * @param name    {@code read}, {@code write} or {@code pool}
     * @param size    connections it holds at most
     * @param inUse   connections handed out now
     * @param waiting callers waiting for a connection now
     */
    public record Pool(String name, int size, int inUse, int waiting) {}
}
