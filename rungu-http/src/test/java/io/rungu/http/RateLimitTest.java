package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.http.internal.RateLimiter;
import io.rungu.model.Actor;
import io.rungu.store.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token buckets per IP and per user, on an injected clock. */
class RateLimitTest {
    @TempDir
    Path dir;

    @Test
    void reads_past_the_ip_limit_are_429_with_retry_after_until_the_bucket_refills() {
        TestClock clock = new TestClock();
        try (TestServer s = TestServer.start(dir, http -> {
            http.clock = clock;
            http.rateLimits.readsPerIp = 5;
        }, host -> {})) {
            for (int i = 0; i < 5; i++) {
                assertThat(s.get("/api/projects").status()).isEqualTo(200);
            }
            var limited = s.get("/api/projects");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 12L);
            clock.advance(Duration.ofSeconds(12));
            assertThat(s.get("/api/projects").status()).isEqualTo(200);
            assertThat(s.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void writes_are_limited_per_user_more_strictly_than_reads() {
        TestClock clock = new TestClock();
        try (TestServer s = TestServer.start(dir, http -> {
            http.clock = clock;
            http.rateLimits.writesPerUser = 2;
        }, host -> {})) {
            Actor.Account a = s.member("A");
            Actor.Account b = s.member("B");
            String body = "{\"name\":\"x\"}";
            assertThat(s.json("POST", "/api/projects", a, body).status()).isEqualTo(403);
            assertThat(s.json("POST", "/api/projects", a, body).status()).isEqualTo(403);
            assertThat(s.json("POST", "/api/projects", a, body).status()).isEqualTo(429);
            assertThat(s.json("POST", "/api/projects", b, body).status()).isEqualTo(403);
            assertThat(s.get("/api/projects", a).status()).isEqualTo(200);
        }
    }

    @Test
    void the_tracked_clients_stay_bounded() {
        TestClock clock = new TestClock();
        var limits = new HttpConfig.RateLimits();
        limits.maxTrackedClients = 100;
        RateLimiter limiter = new RateLimiter(limits, clock);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire(RateLimiter.Kind.READ, "10.0.0." + i, null);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void sign_in_attempts_have_their_own_stricter_bucket() {
        TestClock clock = new TestClock();
        var limits = new HttpConfig.RateLimits();
        limits.signInsPerIp = 3;
        RateLimiter limiter = new RateLimiter(limits, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(RateLimiter.Kind.SIGN_IN, "1.2.3.4", null)).isZero();
        }
        assertThat(limiter.acquire(RateLimiter.Kind.SIGN_IN, "1.2.3.4", null)).isPositive();
        assertThat(limiter.acquire(RateLimiter.Kind.READ, "1.2.3.4", null)).isZero();
    }
}
