package io.rungu.store.internal.board;

import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Board list pages as every viewer sees them before their own votes are marked, kept for the next request of the
 * same page. The front page of a busy board is read far more often than the board changes, and reading it costs
 * four statements and twenty rows; a kept page costs a map lookup.
 *
 * <p>A page is kept with the database's write generation at the time its read began and is used only while the
 * generation is unchanged, so any write through this store (a vote, a comment, a renamed author) makes every
 * kept page stale at once. Writes by another process or server on the same database cannot be seen that way;
 * the time to live bounds how long a page may miss them. Searches are not kept: they are rarely repeated and their
 * ranking is the costly part the benchmark should show.
 */
final class ListCache {
    /** Everything that selects a page, apart from the viewer. */
    record Key(String projectSlug, PostSort sort, PostStatus status, PostCategory category, int page, int perPage) {}

    private record Entry(Page<PostView> page, long generation, long storedAt, long bytes) {}

    /** Estimated heap per post besides its text: the records, ids, instants and enum references. */
    private static final long POST_OVERHEAD_BYTES = 400;

    private final LongSupplier generation;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /**
     * @param generation the database's {@code writeGeneration}
     * @param ttl        how long a page may be used; zero keeps nothing
     * @param maxBytes   estimated heap the kept pages may take; the least recently used go first
     * @param nanoTime   a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    ListCache(LongSupplier generation, Duration ttl, long maxBytes, LongSupplier nanoTime) {
        this.generation = generation;
        this.ttlNanos = ttl.toNanos();
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    /** The key of a browse query; null for a search, which is never kept. */
    static Key keyOf(String projectSlug, PostQuery query) {
        if (!SearchTerms.of(query.text()).isEmpty()) {
            return null;
        }
        PostSort sort = query.sort() == null || query.sort() == PostSort.RELEVANCE ? PostSort.NEWEST : query.sort();
        PageRequest page = query.page() == null ? PageRequest.FIRST : query.page();
        return new Key(projectSlug, sort, query.status(), query.category(), page.page(), page.perPage());
    }

    boolean enabled() {
        return ttlNanos > 0 && maxBytes > 0;
    }

    /** The generation to pass to {@link #put} for a read that starts now. */
    long generationNow() {
        return generation.getAsLong();
    }

    /** The kept page for {@code key}, or null when there is none or it may be stale. */
    synchronized Page<PostView> get(Key key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.generation != generation.getAsLong() || nanoTime.getAsLong() - entry.storedAt >= ttlNanos) {
            remove(key, entry);
            return null;
        }
        return entry.page;
    }

    /** Keeps {@code page}, read by a read that began at {@code generationAtRead}, unless a write came since. */
    synchronized void put(Key key, Page<PostView> page, long generationAtRead) {
        if (generationAtRead != generation.getAsLong()) {
            return;
        }
        long size = sizeOf(page);
        if (size > maxBytes) {
            return;
        }
        Entry previous = entries.put(key, new Entry(page, generationAtRead, nanoTime.getAsLong(), size));
        if (previous != null) {
            bytes -= previous.bytes;
        }
        bytes += size;
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes;
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void remove(Key key, Entry entry) {
        entries.remove(key);
        bytes -= entry.bytes;
    }

    private static long sizeOf(Page<PostView> page) {
        long size = 0;
        for (PostView view : page.items()) {
            size += POST_OVERHEAD_BYTES + 2L * (length(view.post().title()) + length(view.post().description())
                    + length(view.creator().name()) + length(view.creator().avatarUrl()));
        }
        return size;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
