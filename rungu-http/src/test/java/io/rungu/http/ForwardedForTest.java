package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.store.TestClock;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client IP behind reverse proxies, through the real server: every request comes from loopback and says where
 * it was forwarded from. The client controls the left of {@code X-Forwarded-For}, so it must never pick its bucket.
 */
class ForwardedForTest {
    @TempDir
    Path dir;

    TestServer start(Consumer<HttpConfig> http) {
        TestClock clock = TestClock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        return TestServer.start(dir, c -> {
            c.clock = clock;
            c.rateLimits.readsPerIp = 3;
            http.accept(c);
        }, host -> {});
    }

    static int read(TestServer s, String forwardedFor) {
        return s.req("GET", "/api/projects").header("X-Forwarded-For", forwardedFor).send().status();
    }

    @Test
    void with_trust_forwarded_for_alone_a_spoofed_leftmost_address_does_not_escape_the_limit() {
        try (TestServer s = start(c -> c.trustForwardedFor = true)) {
            for (int i = 0; i < 3; i++) {
                assertThat(read(s, "10.9.9." + i + ", 203.0.113.9")).isEqualTo(200);
            }
            assertThat(read(s, "10.9.9.77, 203.0.113.9")).isEqualTo(429);
            assertThat(read(s, "203.0.113.9")).isEqualTo(429);
            assertThat(read(s, "203.0.113.10")).as("another client behind the proxy").isEqualTo(200);
        }
    }

    @Test
    void with_trusted_proxies_the_client_is_the_rightmost_address_that_is_not_a_proxy() {
        try (TestServer s = start(c -> c.trustedProxies = List.of("127.0.0.1", "::1", "10.0.0.0/8"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(read(s, "192.0.2." + i + ", 198.51.100.7, 10.1.2.3")).isEqualTo(200);
            }
            assertThat(read(s, "192.0.2.99, 198.51.100.7, 10.200.0.1")).isEqualTo(429);
            assertThat(read(s, "198.51.100.8, 10.1.2.3")).isEqualTo(200);
        }
    }

    @Test
    void ipv6_clients_and_proxies_are_matched_by_address_and_range() {
        try (TestServer s = start(c -> c.trustedProxies = List.of("127.0.0.0/8", "fd00::/8"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(read(s, "2001:db8::" + (i + 1) + ", 2001:db8:0:0::abcd, fd12::5")).isEqualTo(200);
            }
            assertThat(read(s, "[2001:db8::abcd]")).as("the same address in another spelling").isEqualTo(429);
            assertThat(read(s, "2001:db8::abce, fdff::1")).isEqualTo(200);
        }
    }

    @Test
    void a_peer_that_is_not_a_trusted_proxy_cannot_pick_its_bucket() {
        try (TestServer s = start(c -> c.trustedProxies = List.of("10.0.0.0/8"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(read(s, "198.51.100." + i)).isEqualTo(200);
            }
            assertThat(read(s, "198.51.100.50")).as("counted against 127.0.0.1, the real peer").isEqualTo(429);
        }
    }

    @Test
    void many_new_addresses_do_not_reset_an_active_clients_limit() {
        try (TestServer s = start(c -> {
            c.trustForwardedFor = true;
            c.rateLimits.maxTrackedClients = 100;
        })) {
            for (int i = 0; i < 3; i++) {
                assertThat(read(s, "203.0.113.9")).isEqualTo(200);
            }
            for (int i = 0; i < 400; i++) {
                read(s, "198.51." + (i / 250) + "." + (i % 250));
                if (i % 10 == 0) {
                    assertThat(read(s, "203.0.113.9")).as("after %d other clients", i).isEqualTo(429);
                }
            }
        }
    }

    @Test
    void trusted_proxies_that_are_not_addresses_are_refused_with_the_reason() {
        assertThatThrownBy(() -> new RunguPlugin(null, ctx -> null, c -> c.trustedProxies = List.of("proxy.local", "10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 'proxy.local'")
                .hasMessageContaining("got '10.0.0.0/33'");
    }
}
