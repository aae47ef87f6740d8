package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behind a proxy that strips a path prefix: X-Forwarded-Prefix shapes Rungu's URLs only when trusted. */
class ForwardedPrefixTest {
    @TempDir
    Path dir;

    @Test
    void a_trusted_forwarded_prefix_leads_every_url_the_board_makes() {
        try (TestServer s = TestServer.start(dir, http -> {
            http.basePath = "/feedback";
            http.trustForwardedPrefix = true;
        }, host -> {})) {
            var page = s.req("GET", "/").header("X-Forwarded-Prefix", "/tools/").send();
            assertThat(page.text()).contains("<base href=\"/tools/feedback/\"");
            var doc = s.req("GET", "/api/openapi.json").header("X-Forwarded-Prefix", "/tools").send().json();
            assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/tools/feedback");
            assertThat(s.get("/api/openapi.json").json().at("/servers/0/url").asText()).isEqualTo("/feedback");
            var odd = s.req("GET", "/").header("X-Forwarded-Prefix", "/\"><script>").send();
            assertThat(odd.text()).contains("<base href=\"/feedback/\"").doesNotContain("<script>\"");
        }
    }

    @Test
    void an_untrusted_forwarded_prefix_is_ignored() {
        try (TestServer s = TestServer.start(dir, http -> http.basePath = "/feedback", host -> {})) {
            var page = s.req("GET", "/").header("X-Forwarded-Prefix", "/tools").send();
            assertThat(page.text()).contains("<base href=\"/feedback/\"");
        }
    }
}
