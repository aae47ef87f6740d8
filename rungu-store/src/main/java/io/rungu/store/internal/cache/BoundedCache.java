package io.rungu.store.internal.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one bounded in-memory map of Rungu (kept list pages and posts, active sessions, rendered post JSON, rate-limit
 * buckets): a total weight it never exceeds, and one eviction policy, least recently used first. The weight is
 * whatever the owner measures, estimated bytes or simply 1 per entry.
 *
 * <p>Thread-safe through one lock: every operation is a hash lookup plus a linked-list move, far cheaper than the
 * work a cached value saves. Not part of Rungu's API: it is public only so that rungu-http can share it.
 *
 * @param <K> keys, compared by value
 * @param <V> values, shared by every caller that gets them
 */
public final class BoundedCache<K, V> {
    private record Entry<V>(V value, long weight) {}

    private final long maxWeight;
    private final ToLongFunction<? super V> weigher;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;

    private BoundedCache(long maxWeight, ToLongFunction<? super V> weigher) {
        if (maxWeight < 0) {
            throw new IllegalArgumentException("maxWeight must be zero or positive, got " + maxWeight);
        }
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** A cache of at most {@code maxEntries} entries. */
    public static <K, V> BoundedCache<K, V> ofEntries(long maxEntries) {
        return new BoundedCache<>(maxEntries, v -> 1);
    }

    /** A cache whose values weigh at most {@code maxBytes} together, each as {@code bytes} estimates. */
    public static <K, V> BoundedCache<K, V> ofBytes(long maxBytes, ToLongFunction<? super V> bytes) {
        return new BoundedCache<>(maxBytes, bytes);
    }

    /** The value kept for {@code key} (now the most recently used), or null. */
    public synchronized V get(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value;
    }

    /**
     * Keeps {@code value}, evicting the least recently used entries until the bound holds. A value heavier than the
     * whole bound is not kept (and replaces nothing).
     *
     * @return whether the value was kept
     */
    public synchronized boolean put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight) {
            return false;
        }
        Entry<V> previous = entries.put(key, new Entry<>(value, w));
        if (previous != null) {
            weight -= previous.weight;
        }
        weight += w;
        Iterator<Entry<V>> eldest = entries.values().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= eldest.next().weight;
            eldest.remove();
        }
        return true;
    }

    /**
     * The value kept for {@code key}, else a new one from {@code create}, kept (evicting as {@link #put} does). The
     * new value is returned even when it is too heavy to keep.
     */
    public synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> create) {
        V kept = get(key);
        if (kept != null) {
            return kept;
        }
        V value = create.apply(key);
        put(key, value);
        return value;
    }

    /** Drops {@code key} if it is still kept with exactly {@code value} (a stale entry found by a reader). */
    public synchronized void remove(K key, V value) {
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.value == value) {
            entries.remove(key);
            weight -= entry.weight;
        }
    }

    /** Number of entries kept. */
    public synchronized int size() {
        return entries.size();
    }

    /** Total weight of the entries kept, never above {@link #maxWeight()}. */
    public synchronized long weight() {
        return weight;
    }

    /** The bound given at creation. */
    public long maxWeight() {
        return maxWeight;
    }
}
