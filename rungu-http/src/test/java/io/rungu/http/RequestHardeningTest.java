package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Method-override headers are refused, and every method on /health answers JSON like /health/ready. */
class RequestHardeningTest {
    @TempDir
    Path dir;
    TestServer s;
    Actor.Account admin;
    String postId;

    @BeforeEach
    void start() {
        s = TestServer.start(dir);
        admin = s.admin();
        s.board().createProject(admin, new NewProject("App", "app", ""));
        postId = s.board().createPost(admin, "app", new NewPost("Keep me", "", null)).post().id();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void method_override_headers_are_400_and_change_nothing() {
        for (String header : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
            var r = s.req("POST", "/api/posts/" + postId).as(admin).header(header, "DELETE").json("{}").send();
            assertThat(r.status()).as(header).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("invalid");
            assertThat(r.json().get("error").asText()).isEqualTo(header + " is not supported; send the request with its real method");
            var get = s.req("GET", "/api/projects").header(header, "PUT").send();
            assertThat(get.status()).as(header + " on a read").isEqualTo(400);
        }
        assertThat(s.get("/api/posts/" + postId).status()).isEqualTo(200);
        assertThat(s.get("/api/projects").status()).isEqualTo(200);
    }

    @Test
    void health_answers_other_methods_as_json_like_health_ready() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            var health = s.req(method, "/health").send();
            var ready = s.req(method, "/health/ready").send();
            assertThat(health.status()).as(method).isEqualTo(405).isEqualTo(ready.status());
            assertThat(health.header("Content-Type")).startsWith("application/json");
            assertThat(health.json().get("code").asText()).isEqualTo("method_not_allowed");
            assertThat(health.header("Allow")).isEqualTo("GET");
        }
        var options = s.req("OPTIONS", "/health").send();
        assertThat(options.status()).isEqualTo(s.req("OPTIONS", "/health/ready").send().status()).isEqualTo(204);
        assertThat(options.header("Allow")).isEqualTo("GET, OPTIONS");
        assertThat(s.get("/health").text()).isEqualTo("OK");
    }
}
