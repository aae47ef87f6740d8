package io.rungu.oauth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectTargetsTest {
    @Test
    void same_site_paths_are_safe() {
        assertThat(RedirectTargets.isSafe("/")).isTrue();
        assertThat(RedirectTargets.isSafe("/feedback/p/ideas?sort=top#c1")).isTrue();
        assertThat(RedirectTargets.isSafe("/%2F%2Fevil.example")).isTrue();
    }

    @Test
    void other_sites_schemes_backslashes_and_control_characters_are_refused() {
        for (String target : new String[] {null, "", "//evil.example", "///evil.example", "https://evil.example",
                "javascript:alert(1)", "evil.example/path", "/\\evil.example", "\\\\evil.example", "/a\r\nLocation: x",
                "/\t/evil.example", "/ /evil", "/a\u0000b", "/" + "a".repeat(2048)}) {
            assertThat(RedirectTargets.isSafe(target)).as(String.valueOf(target)).isFalse();
        }
    }
}
