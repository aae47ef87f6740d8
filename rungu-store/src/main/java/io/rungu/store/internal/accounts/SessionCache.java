package io.rungu.store.internal.accounts;

import io.rungu.store.Accounts.ActiveSession;
import io.rungu.store.internal.cache.BoundedCache;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Sessions recently found active, so a signed-in request does not read its session row every time. An entry is
 * used only while the database's account write generation is unchanged (every write but a vote moves it: a
 * sign-out, "sign out everywhere", a role change or a deleted user through this store drops every entry at once),
 * for at most the time to live (the bound on how
 * late such a change made through another PostgreSQL server is seen; on SQLite the generation itself moves for
 * another process's commits, and there is no other limit), and never past the session's own expiry. At most
 * {@code maxEntries} sessions are kept (each ~200 bytes), the least recently used dropped first.
 */
final class SessionCache {
    private record Entry(ActiveSession session, long generation, long storedAt) {}

    private final LongSupplier generation;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private final BoundedCache<String, Entry> entries;

    SessionCache(LongSupplier generation, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.generation = generation;
        this.ttlNanos = ttl.toNanos();
        this.entries = BoundedCache.ofEntries(maxEntries);
        this.nanoTime = nanoTime;
    }

    boolean enabled() {
        return ttlNanos > 0 && entries.maxWeight() > 0;
    }

    long generationNow() {
        return generation.getAsLong();
    }

    /** The kept session, or null when there is none, it may be stale, or it has expired by {@code now}. */
    ActiveSession get(String sessionId, Instant now) {
        Entry entry = entries.get(sessionId);
        if (entry == null) {
            return null;
        }
        if (entry.generation != generation.getAsLong() || nanoTime.getAsLong() - entry.storedAt >= ttlNanos
                || !entry.session.expiresAt().isAfter(now)) {
            entries.remove(sessionId, entry);
            return null;
        }
        return entry.session;
    }

    /** Keeps a session found active by a read that began at {@code generationAtRead}, unless a write came since. */
    void put(ActiveSession session, long generationAtRead) {
        if (generationAtRead != generation.getAsLong()) {
            return;
        }
        entries.put(session.sessionId(), new Entry(session, generationAtRead, nanoTime.getAsLong()));
    }
}
