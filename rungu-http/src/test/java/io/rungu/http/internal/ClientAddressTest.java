package io.rungu.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading X-Forwarded-For from the right; address and range parsing without any name lookup. */
class ClientAddressTest {

    @Test
    void without_trust_the_peer_is_the_client() {
        assertThat(new ClientAddress(false, List.of()).of("192.0.2.1", List.of("198.51.100.7"))).isEqualTo("192.0.2.1");
    }

    @Test
    void trusting_the_peer_alone_takes_the_last_address_of_every_header_joined() {
        ClientAddress a = new ClientAddress(true, List.of());
        assertThat(a.of("10.0.0.1", List.of("1.1.1.1, 2.2.2.2", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(a.of("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
        assertThat(a.of("10.0.0.1", List.of("203.0.113.7:51234"))).isEqualTo("203.0.113.7");
    }

    @Test
    void trusted_ranges_are_skipped_from_the_right_and_all_proxies_give_the_leftmost() {
        ClientAddress a = new ClientAddress(false, List.of("10.0.0.0/8", "2001:db8:ffff::/48"));
        assertThat(a.of("10.1.1.1", List.of("6.6.6.6, 198.51.100.7, 10.9.9.9, [2001:db8:ffff::1]"))).isEqualTo("198.51.100.7");
        assertThat(a.of("10.1.1.1", List.of("10.2.2.2, 10.3.3.3"))).isEqualTo("10.2.2.2");
        assertThat(a.of("192.0.2.50", List.of("198.51.100.7"))).as("untrusted peer").isEqualTo("192.0.2.50");
    }

    @Test
    void ranges_match_by_prefix_bits() {
        ClientAddress a = new ClientAddress(false, List.of("172.16.0.0/12"));
        assertThat(a.of("172.31.255.255", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(a.of("172.32.0.1", List.of("198.51.100.7"))).isEqualTo("172.32.0.1");
    }

    @Test
    void only_literal_addresses_and_ranges_are_accepted() {
        assertThat(ClientAddress.problem("10.0.0.0/8")).isEmpty();
        assertThat(ClientAddress.problem("::1")).isEmpty();
        assertThat(ClientAddress.problem("fd00::/8")).isEmpty();
        for (String bad : List.of("proxy.local", "999.1.1.1", "10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "", "localhost")) {
            assertThat(ClientAddress.problem(bad)).as(bad).isPresent();
        }
    }
}
