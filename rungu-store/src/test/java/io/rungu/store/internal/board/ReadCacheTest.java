package io.rungu.store.internal.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Post;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.UserSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The read cache's own rules: generation, time to live, the heap bound; and which list queries are kept. */
class ReadCacheTest {
    final AtomicLong generation = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();

    ReadCache<KeptReads.PageKey, Page<PostView>> cache(Duration ttl, long maxBytes) {
        return new ReadCache<>(generation::get, ttl, maxBytes, KeptReads::weigh, nanos::get);
    }

    static KeptReads.PageKey key(int page) {
        return new KeptReads.PageKey("app", PostSort.NEWEST, null, java.util.List.of(), false, null, page, 20, null, false);
    }

    static Page<PostView> page(String description) {
        Post post = new Post("p1", "b1", "Title", description, PostStatus.OPEN, PostCategory.FEATURE, 0, 0, "u1",
                Instant.EPOCH, Instant.EPOCH, null);
        return new Page<>(List.of(new PostView(post, new UserSummary("u1", "Ann", ""), false)), 1, 20, 1);
    }

    @Test
    void aKeptPageAnswersUntilTheNextWrite() {
        var cache = cache(Duration.ofSeconds(1), 1 << 20);
        Page<PostView> page = page("");
        cache.put(key(1), page, cache.generationNow());

        assertThat(cache.get(key(1))).isSameAs(page);
        assertThat(cache.get(key(2))).isNull();

        generation.incrementAndGet();
        assertThat(cache.get(key(1))).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void getOrReadReadsOnceAndNeverKeepsAReadOverlappingAWrite() {
        var cache = cache(Duration.ofSeconds(1), 1 << 20);
        AtomicInteger reads = new AtomicInteger();

        Page<PostView> first = cache.getOrRead(key(1), () -> {
            reads.incrementAndGet();
            return page("");
        });
        assertThat(cache.getOrRead(key(1), () -> page("other"))).isSameAs(first);

        Page<PostView> duringWrite = cache.getOrRead(key(2), () -> {
            reads.incrementAndGet();
            generation.incrementAndGet();
            return page("");
        });
        assertThat(duringWrite).isNotNull();
        assertThat(cache.get(key(2))).isNull();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aPageReadBeforeAWriteIsNotKept() {
        var cache = cache(Duration.ofSeconds(1), 1 << 20);
        long atRead = cache.generationNow();
        generation.incrementAndGet();

        cache.put(key(1), page(""), atRead);

        assertThat(cache.get(key(1))).isNull();
    }

    @Test
    void aKeptPageExpiresAfterTheTimeToLive() {
        var cache = cache(Duration.ofSeconds(1), 1 << 20);
        cache.put(key(1), page(""), cache.generationNow());

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cache.get(key(1))).isNotNull();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.get(key(1))).isNull();
    }

    @Test
    void theLeastRecentlyUsedPagesGoWhenTheHeapBoundIsReached() {
        // One page of one post with a 1,000-character description weighs about 2,400 bytes.
        var cache = cache(Duration.ofSeconds(1), 5_000);
        cache.put(key(1), page("x".repeat(1000)), cache.generationNow());
        cache.put(key(2), page("x".repeat(1000)), cache.generationNow());
        cache.get(key(1));

        cache.put(key(3), page("x".repeat(1000)), cache.generationNow());

        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(1))).isNotNull();
        assertThat(cache.get(key(3))).isNotNull();
    }

    @Test
    void aPageLargerThanTheWholeBoundIsNotKept() {
        var cache = cache(Duration.ofSeconds(1), 1_000);
        cache.put(key(1), page("x".repeat(1000)), cache.generationNow());

        assertThat(cache.size()).isZero();
    }

    @Test
    void onlyBrowsingIsKeptAndDefaultsShareAKey() {
        assertThat(KeptReads.PageKey.of("app", new PostQuery(null, null, null, "dark mode", null), false)).isNull();
        assertThat(KeptReads.PageKey.of("app", new PostQuery(null, null, null, "  ", null), false))
                .isEqualTo(KeptReads.PageKey.of("app", PostQuery.newest(), false))
                .isEqualTo(KeptReads.PageKey.of("app", new PostQuery(PostSort.NEWEST, null, null, null, PageRequest.FIRST), false));
    }

    @Test
    void aZeroTimeToLiveOrBoundTurnsTheCacheOff() {
        assertThat(cache(Duration.ZERO, 1 << 20).enabled()).isFalse();
        assertThat(cache(Duration.ofSeconds(1), 0).enabled()).isFalse();
        assertThat(cache(Duration.ofSeconds(1), 1 << 20).enabled()).isTrue();
    }
}
