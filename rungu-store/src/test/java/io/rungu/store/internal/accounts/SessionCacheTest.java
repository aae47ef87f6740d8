package io.rungu.store.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Role;
import io.rungu.store.Accounts.ActiveSession;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The session cache's rules: write generation, time to live, the session's own expiry, the entry bound (least recently used out first). */
class SessionCacheTest {
    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    final AtomicLong generation = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();
    final SessionCache cache = new SessionCache(generation::get, Duration.ofSeconds(1), 100, nanos::get);

    static ActiveSession session(String id, Instant expiresAt) {
        return new ActiveSession(id, "u1", Role.MEMBER, expiresAt);
    }

    @Test
    void aKeptSessionAnswersUntilTheNextWrite() {
        ActiveSession s = session("s1", NOW.plusSeconds(3600));
        cache.put(s, cache.generationNow());
        assertThat(cache.get("s1", NOW)).isSameAs(s);

        generation.incrementAndGet();
        assertThat(cache.get("s1", NOW)).isNull();
    }

    @Test
    void aSessionReadBeforeAWriteIsNotKept() {
        long atRead = cache.generationNow();
        generation.incrementAndGet();
        cache.put(session("s1", NOW.plusSeconds(3600)), atRead);

        assertThat(cache.get("s1", NOW)).isNull();
    }

    @Test
    void aKeptSessionGoesAfterTheTimeToLiveOrItsOwnExpiry() {
        cache.put(session("s1", NOW.plusSeconds(3600)), cache.generationNow());
        cache.put(session("s2", NOW.plusSeconds(10)), cache.generationNow());

        assertThat(cache.get("s2", NOW.plusSeconds(10))).isNull();
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cache.get("s1", NOW)).isNotNull();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.get("s1", NOW)).isNull();
    }

    @Test
    void theCacheHoldsAtMostItsBound() {
        for (int i = 0; i < 100; i++) {
            cache.put(session("s" + i, NOW.plusSeconds(3600)), cache.generationNow());
        }
        assertThat(cache.get("s0", NOW)).isNotNull(); // s0 is now the most recently used; s1 the least

        cache.put(session("s100", NOW.plusSeconds(3600)), cache.generationNow());

        assertThat(cache.get("s100", NOW)).isNotNull();
        assertThat(cache.get("s0", NOW)).isNotNull();
        assertThat(cache.get("s1", NOW)).isNull();
        assertThat(cache.get("s2", NOW)).isNotNull();
    }

    @Test
    void aZeroTimeToLiveTurnsItOff() {
        assertThat(new SessionCache(generation::get, Duration.ZERO, 100, nanos::get).enabled()).isFalse();
        assertThat(new SessionCache(generation::get, Duration.ofSeconds(1), 0, nanos::get).enabled()).isFalse();
        assertThat(cache.enabled()).isTrue();
    }
}
