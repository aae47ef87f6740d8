package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.json.JavalinJackson;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host with its own routes, JSON mapper (UPPER_CAMEL_CASE) and exception handler mounts Rungu at /feedback;
 * neither side changes the other.
 */
class PluginIsolationTest {
    record HostThing(String someField, int count) {}

    @TempDir
    Path dir;
    TestServer s;
    final java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        ObjectMapper hostMapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
;
        s = TestServer.start(dir, http -> http.basePath = "/feedback/", host -> {
            host.jsonMapper(new JavalinJackson(hostMapper, false));
            host.routes.get("/hello", ctx -> ctx.json(new HostThing("x", 1)));
            host.routes.get("/boom", ctx -> {
                throw new IllegalStateException("host failure");
            });
            host.routes.exception(RuntimeException.class, (e, ctx) -> ctx.status(418).result("host handled: " + e.getMessage()));
            host.routes.error(404, ctx -> ctx.result("host 404 page"));
            host.requestLogger.http((ctx, ms) -> logged.add(ctx.statusCode() + " " + ctx.path()));
        });
        s.board().createProject(s.admin(), new NewProject("App", "app", ""));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private TestServer.Res root(String path) {
        return s.req("GET", "http://127.0.0.1:" + s.app.port() + path).send();
    }

    @Test
    void host_routes_keep_the_host_mapper() {
        var r = root("/hello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("SomeField")).isTrue();
    }

    @Test
    void rungu_keeps_its_wire_format_under_a_host_mapper() {
        var r = s.get("/api/projects");
        assertThat(r.status()).isEqualTo(200);
        var project = r.data().get(0);
        assertThat(project.has("created_at")).isTrue();
        assertThat(project.has("post_count")).isTrue();
        assertThat(project.get("created_at").asText()).endsWith("Z");
        assertThat(r.json().get("pagination").has("total_pages")).isTrue();
    }

    @Test
    void host_exception_handlers_do_not_see_rungu_errors_and_rungu_does_not_see_host_errors() {
        var rungu = s.get("/api/projects/missing");
        assertThat(rungu.status()).isEqualTo(404);
        assertThat(rungu.json().get("code").asText()).isEqualTo("not_found");
        var host = root("/boom");
        assertThat(host.status()).isEqualTo(418);
        assertThat(host.text()).isEqualTo("host handled: host failure");
    }

    @Test
    void unknown_rungu_api_paths_are_json_but_unknown_host_paths_are_the_hosts() {
        var api = s.get("/api/x");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).startsWith("application/json");
        assertThat(api.json().get("code").asText()).isEqualTo("not_found");
        var other = root("/other");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.text()).isEqualTo("host 404 page");
    }

    @Test
    void the_hosts_request_logger_still_sees_rungu_requests_including_errors() throws InterruptedException {
        s.get("/api/projects");
        s.get("/api/nope");
        for (int i = 0; i < 50 && logged.size() < 2; i++) {
            Thread.sleep(20);
        }
        assertThat(logged).contains("200 /feedback/api/projects", "404 /feedback/api/nope");
    }

    @Test
    void rungu_headers_stay_on_rungu_responses() {
        assertThat(s.get("/api/projects").header("Content-Security-Policy")).isNotNull();
        assertThat(root("/hello").header("Content-Security-Policy")).isNull();
        assertThat(root("/hello").header("X-Content-Type-Options")).isNull();
    }

    @Test
    void the_web_app_and_health_live_under_the_base_path_only() {
        assertThat(s.get("/health").text()).isEqualTo("OK");
        assertThat(s.get("/board/app").header("Content-Type")).startsWith("text/html");
        assertThat(root("/health").status()).isEqualTo(404);
        assertThat(root("/board/app").text()).isEqualTo("host 404 page");
    }

    @Test
    void with_the_hosts_login_the_web_app_still_learns_who_is_signed_in() {
        var admin = s.admin();
        var me = s.get("/auth/me", admin);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().get("id").asText()).isEqualTo(admin.userId());
        assertThat(me.data().get("role").asText()).isEqualTo("admin");
        assertThat(s.get("/auth/me").status()).isEqualTo(401);
        assertThat(s.get("/auth/providers").json().get("providers")).isEmpty();
    }

    @Test
    void writes_with_a_foreign_origin_are_refused_for_host_cookies() {
        var r = s.req("POST", "/api/projects").as(s.admin()).header("Origin", "https://evil.example")
                .json("{\"name\":\"X\"}").send();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).contains("Cross-site");
        var same = s.req("POST", "/api/projects").as(s.admin()).header("Origin", "http://127.0.0.1:" + s.app.port())
                .json("{\"name\":\"Y\"}").send();
        assertThat(same.status()).isEqualTo(201);
        // the one rule of io.rungu.model.CrossSite, as the sign-in routes apply it to session cookies
        var crossSite = s.req("POST", "/api/projects").as(s.admin()).header("Origin", "http://127.0.0.1:" + s.app.port())
                .header("Sec-Fetch-Site", "cross-site").json("{\"name\":\"Z\"}").send();
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.json().get("error").asText()).isEqualTo(io.rungu.model.CrossSite.MESSAGE);
        var sameSiteWithoutOrigin = s.req("POST", "/api/projects").as(s.admin()).header("Sec-Fetch-Site", "same-site")
                .json("{\"name\":\"W\"}").send();
        assertThat(sameSiteWithoutOrigin.status()).isEqualTo(403);
    }
}
