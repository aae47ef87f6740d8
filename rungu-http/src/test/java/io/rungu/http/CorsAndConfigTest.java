package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.store.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CORS only for configured origins, and configuration validation. */
class CorsAndConfigTest {
    @TempDir
    Path dir;

    @Test
    void without_configured_origins_no_cors_headers_are_sent() {
        try (TestServer s = TestServer.start(dir)) {
            var r = s.req("GET", "/api/projects").header("Origin", "https://app.example").send();
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void listed_origins_get_credentialed_cors_and_preflights() {
        try (TestServer s = TestServer.start(dir, http -> http.corsOrigins = List.of("https://app.example"), host -> {})) {
            var r = s.req("GET", "/api/projects").header("Origin", "https://app.example").send();
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
            assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(r.header("Vary")).contains("Origin");
            var other = s.req("GET", "/api/projects").header("Origin", "https://evil.example").send();
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
            var preflight = s.req("OPTIONS", "/api/projects/app/posts").header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "POST").send();
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
        }
    }

    @Test
    void invalid_settings_are_reported_together() {
        try (TestStores stores = TestStores.open(dir)) {
            assertThatThrownBy(() -> new RunguPlugin(stores.store(), ctx -> null, http -> {
                http.basePath = "/bad path";
                http.corsOrigins = List.of("*");
                http.maxUploadBytes = 10;
                http.rateLimits.readsPerIp = -1;
            })).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("basePath").hasMessageContaining("corsOrigins")
                    .hasMessageContaining("maxUploadBytes").hasMessageContaining("rate limits");
        }
    }

    @Test
    void base_paths_are_normalised() {
        assertThat(HttpConfig.normalise("/feedback/")).isEqualTo("/feedback");
        assertThat(HttpConfig.normalise("feedback")).isEqualTo("/feedback");
        assertThat(HttpConfig.normalise("/")).isEmpty();
        try (TestStores stores = TestStores.open(dir)) {
            assertThat(new RunguPlugin(stores.store(), ctx -> null, http -> http.basePath = "/a/b/").basePath())
                    .isEqualTo("/a/b");
        }
    }
}
