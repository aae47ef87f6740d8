package io.rungu.store.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one bounded cache: its bound, least-recently-used eviction, weights, and thread safety. */
class BoundedCacheTest {

    @Test
    void an_entry_bound_evicts_the_least_recently_used_first() {
        BoundedCache<String, Integer> cache = BoundedCache.ofEntries(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assertThat(cache.get("a")).isEqualTo(1); // a is now the most recently used

        cache.put("d", 4);

        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get("c")).isEqualTo(3);
        assertThat(cache.get("d")).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void a_byte_bound_evicts_until_the_total_weight_fits() {
        BoundedCache<String, String> cache = BoundedCache.ofBytes(10, String::length);
        cache.put("a", "xxxx");
        cache.put("b", "xxxx");
        assertThat(cache.weight()).isEqualTo(8);

        cache.put("c", "xxxxxxx");

        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isEqualTo("xxxxxxx");
        assertThat(cache.weight()).isEqualTo(7);
    }

    @Test
    void a_value_heavier_than_the_bound_is_not_kept_and_evicts_nothing() {
        BoundedCache<String, String> cache = BoundedCache.ofBytes(5, String::length);
        cache.put("a", "xx");

        assertThat(cache.put("big", "xxxxxx")).isFalse();

        assertThat(cache.get("big")).isNull();
        assertThat(cache.get("a")).isEqualTo("xx");
        assertThat(BoundedCache.<String, String>ofBytes(0, String::length).put("a", "x")).isFalse();
    }

    @Test
    void replacing_a_value_replaces_its_weight() {
        BoundedCache<String, String> cache = BoundedCache.ofBytes(10, String::length);
        cache.put("a", "xxxxxxxx");
        cache.put("a", "xx");
        cache.put("b", "xxxxxxxx");

        assertThat(cache.get("a")).isEqualTo("xx");
        assertThat(cache.weight()).isEqualTo(10);
    }

    @Test
    void compute_if_absent_creates_once_and_keeps_the_value() {
        BoundedCache<String, List<String>> cache = BoundedCache.ofEntries(2);
        AtomicInteger created = new AtomicInteger();
        List<String> first = cache.computeIfAbsent("k", k -> {
            created.incrementAndGet();
            return new ArrayList<>();
        });

        assertThat(cache.computeIfAbsent("k", k -> new ArrayList<>())).isSameAs(first);
        assertThat(created).hasValue(1);
    }

    @Test
    void remove_drops_only_the_value_the_reader_saw() {
        BoundedCache<String, String> cache = BoundedCache.ofEntries(2);
        String old = new String("v");
        cache.put("k", old);
        String fresh = new String("v");
        cache.put("k", fresh);

        cache.remove("k", old);
        assertThat(cache.get("k")).isSameAs(fresh);
        cache.remove("k", fresh);
        assertThat(cache.get("k")).isNull();
        assertThat(cache.weight()).isZero();
    }

    @Test
    void many_threads_never_push_it_past_its_bound() throws InterruptedException {
        BoundedCache<Integer, Integer> cache = BoundedCache.ofEntries(100);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t * 10_000;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    cache.put(offset + i, i);
                    cache.get(offset + i / 2);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(cache.size()).isEqualTo(100);
        assertThat(cache.weight()).isEqualTo(100);
    }

    @Test
    void a_negative_bound_is_refused() {
        assertThatThrownBy(() -> BoundedCache.ofEntries(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
