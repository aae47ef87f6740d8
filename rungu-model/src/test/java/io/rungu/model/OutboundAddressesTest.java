package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard resolves through an injected resolver, so no test here sends any traffic. */
class OutboundAddressesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal is parsed, never looked up
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static OutboundAddresses resolvingTo(String literal, boolean allowPrivate) {
        return new OutboundAddresses(host -> List.of(ip(literal)), allowPrivate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1", "2001:db8::1", "198.18.0.1", "2002:0a00:0001::1"})
    void refusesNonPublicAddresses(String literal) {
        assertThat(OutboundAddresses.isPublic(ip(literal))).isFalse();
        assertThatThrownBy(() -> resolvingTo(literal, false).check("url", URI.create("https://hooks.example.com/x")))
                .isInstanceOf(RunguException.class)
                .hasMessageContaining("private address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.215.14"})
    void acceptsPublicAddresses(String literal) {
        assertThat(OutboundAddresses.isPublic(ip(literal))).isTrue();
        assertThat(resolvingTo(literal, false).check("url", URI.create("https://hooks.example.com/x")))
                .containsExactly(ip(literal));
    }

    @Test
    void anyPrivateAddressAmongSeveralIsRefused() {
        OutboundAddresses guard = new OutboundAddresses(host -> List.of(ip("93.184.215.14"), ip("10.0.0.5")), false);
        assertThatThrownBy(() -> guard.check("url", URI.create("https://mixed.example.com/")))
                .hasMessageContaining("10.0.0.5");
    }

    @Test
    void privateAddressesPassWhenAllowed() {
        assertThat(resolvingTo("127.0.0.1", true).check("url", URI.create("http://localhost:8080/hook")))
                .containsExactly(ip("127.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "file:///etc/passwd", "/relative", "https://user:pw@example.com/",
            "gopher://example.com"})
    void refusesOtherSchemesAndShapes(String url) {
        assertThatThrownBy(() -> resolvingTo("93.184.215.14", true).check("url", URI.create(url)))
                .isInstanceOf(RunguException.class)
                .satisfies(e -> assertThat(((RunguException) e).code()).isEqualTo(ErrorCode.INVALID));
    }

    @Test
    void unresolvableHostIsInvalid() {
        OutboundAddresses guard = new OutboundAddresses(host -> { throw new UnknownHostException(host); }, false);
        assertThatThrownBy(() -> guard.check("url", URI.create("https://nowhere.invalid/")))
                .hasMessageContaining("does not resolve");
    }
}
