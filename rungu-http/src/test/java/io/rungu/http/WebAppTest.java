package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web app, health checks, Swagger UI and security headers under a base path. */
class WebAppTest {
    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() {
        s = TestServer.start(dir, http -> http.basePath = "/feedback", host -> {});
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void every_client_route_serves_index_html_with_the_base_path_filled_in() {
        for (String path : new String[] {"", "/", "/board/app", "/board/app/post/123", "/login"}) {
            var r = s.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/html");
            assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(r.text()).contains("data-base=\"/feedback\"").contains("/feedback/assets/app-abc123.js")
                    .doesNotContain("%RUNGU_BASE%");
        }
    }

    @Test
    void assets_are_cached_for_a_year_and_missing_ones_are_404() {
        var r = s.get("/assets/app-abc123.js");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/javascript");
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(s.get("/assets/nope.js").status()).isEqualTo(404);
        assertThat(s.get("/assets/../index.html").status()).isNotEqualTo(200);
    }

    @Test
    void top_level_files_of_the_web_app_are_served_as_they_are() {
        var r = s.get("/robots.txt");
        assertThat(r.text()).startsWith("User-agent");
        assertThat(r.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void api_auth_and_health_paths_never_fall_back_to_the_page() {
        for (String path : new String[] {"/api", "/api/", "/api/nope", "/auth/nope", "/health/nope"}) {
            var r = s.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void responses_carry_the_security_headers() {
        for (String path : new String[] {"/", "/api/projects", "/api/nope", "/assets/app-abc123.js"}) {
            var r = s.get(path);
            assertThat(r.header("Content-Security-Policy")).as(path).isEqualTo("default-src 'self'; img-src 'self' data:; "
                    + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'self'");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        }
    }

    @Test
    void security_headers_can_be_turned_off() {
        try (TestServer plain = TestServer.start(dir.resolve("b"), http -> http.securityHeaders = false, host -> {})) {
            assertThat(plain.get("/api/projects").header("Content-Security-Policy")).isNull();
        }
    }

    @Test
    void health_answers_ok_and_readiness_checks_the_database() {
        var live = s.get("/health");
        assertThat(live.text()).isEqualTo("OK");
        assertThat(live.header("Content-Type")).startsWith("text/plain");
        var ready = s.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
        s.stores.store().close();
        var down = s.get("/health/ready");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("code").asText()).isEqualTo("unavailable");
    }

    @Test
    void swagger_ui_is_served_from_the_webjar_with_its_initializer() {
        var page = s.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("/feedback/api/docs/swagger-ui-bundle.js").doesNotContain("<script>");
        var bundle = s.get("/api/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.bytes().length).isGreaterThan(100_000);
        assertThat(s.get("/api/docs/swagger-initializer.js").text()).contains("\"/feedback/api/openapi.json\"");
        assertThat(s.get("/api/docs/pom.xml").status()).isEqualTo(404);
    }

    @Test
    void without_the_web_app_the_page_routes_are_not_registered() {
        try (TestServer api = TestServer.start(dir.resolve("c"), http -> http.serveWebApp = false, host -> {})) {
            assertThat(api.get("/board/x").status()).isEqualTo(404);
            assertThat(api.get("/api/projects").status()).isEqualTo(200);
        }
    }
}
