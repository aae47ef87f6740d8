package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesInModelTest {
    @Test
    void an_unknown_field_is_named_with_the_allowed_ones_in_order() {
        assertThatThrownBy(() -> RunguException.requireKnownFields(List.of("title", "status"),
                List.of("title", "description", "category")))
                .isInstanceOfSatisfying(RunguException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
                    assertThat(e.getMessage()).isEqualTo("Unknown field 'status'; allowed: category, description, title");
                    assertThat(e.fields()).containsOnlyKeys("status");
                });
        assertThat(RunguException.unknownField("x", List.of()).getMessage()).isEqualTo("Unknown field 'x'; allowed: none");
        RunguException.requireKnownFields(List.of("title"), Set.of("title"));
    }

    @Test
    void read_only_credentials_are_refused_with_one_message() {
        Actor reader = new Actor.Account("u1", Role.ADMIN, Actor.Channel.API_TOKEN, TokenScope.READ);
        assertThatThrownBy(() -> Actor.writer(reader)).isInstanceOfSatisfying(RunguException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).isEqualTo(RunguException.READ_ONLY_MESSAGE);
        });
        assertThatThrownBy(() -> Actor.writer(Actor.anonymous())).isInstanceOfSatisfying(RunguException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(Actor.writer(Actor.of("u1", Role.MEMBER)).userId()).isEqualTo("u1");
    }

    @Test
    void since_has_one_parser_and_one_message() {
        assertThat(ChangelogQuery.parseSince(" 2026-01-31T00:00:00Z ")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(ChangelogQuery.parseSince("2026-01-31T02:00:00+02:00")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(ChangelogQuery.parseSince("")).isNull();
        assertThatThrownBy(() -> ChangelogQuery.parseSince("yesterday"))
                .hasMessage("Invalid `since` timestamp; expected RFC 3339, e.g. 2026-01-31T00:00:00Z");
    }

    @Test
    void a_write_passes_the_cross_site_rule_only_from_this_site_or_an_allowed_origin() {
        Set<String> own = Set.of("https://feedback.example.com");
        List<String> cors = List.of("https://app.example.com");
        // non-browser clients send neither header
        assertThat(CrossSite.allowed(null, null, "feedback.example.com", own, cors)).isTrue();
        assertThat(CrossSite.allowed(null, "same-origin", "x", own, cors)).isTrue();
        assertThat(CrossSite.allowed(null, "none", "x", own, cors)).isTrue();
        assertThat(CrossSite.allowed(null, "same-site", "x", own, cors)).isFalse();
        assertThat(CrossSite.allowed(null, "cross-site", "x", own, cors)).isFalse();
        // an Origin must be this site's: the base URL's or the request's Host
        assertThat(CrossSite.allowed("https://feedback.example.com", "same-origin", "internal:8080", own, cors)).isTrue();
        assertThat(CrossSite.allowed("http://localhost:8080", "same-origin", "localhost:8080", own, cors)).isTrue();
        assertThat(CrossSite.allowed("http://localhost", null, "localhost:80", own, cors)).isTrue();
        assertThat(CrossSite.allowed("https://evil.example", "cross-site", "feedback.example.com", own, cors)).isFalse();
        assertThat(CrossSite.allowed("https://evil.example", null, "feedback.example.com", own, cors)).isFalse();
        assertThat(CrossSite.allowed("https://sub.feedback.example.com", "same-site", "feedback.example.com", own, cors))
                .isFalse();
        assertThat(CrossSite.allowed("null", null, "feedback.example.com", own, cors)).isFalse();
        // Sec-Fetch-Site: cross-site is refused whatever the Origin claims, unless the operator allowed the origin
        assertThat(CrossSite.allowed("https://feedback.example.com", "cross-site", "feedback.example.com", own, cors))
                .isFalse();
        assertThat(CrossSite.allowed("https://app.example.com", "cross-site", "feedback.example.com", own, cors)).isTrue();
        assertThatThrownBy(() -> CrossSite.check("https://evil.example", null, "h", own, cors))
                .hasMessage(CrossSite.MESSAGE);
    }
}
