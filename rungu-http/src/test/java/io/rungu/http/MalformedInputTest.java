package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage in every body, query and path of every documented route gives a JSON 4xx, never a 500. */
class MalformedInputTest {
    static final List<String> BODIES = List.of("{", "[]", "\"text\"", "null", "{\"a\":1} trailing", "{\"title\":5,"
            + "\"name\":[],\"description\":{},\"category\":\"nope\",\"status\":7,\"content\":true,\"parent_id\":1,"
            + "\"voted\":\"yes\",\"role\":\"king\",\"slug\":\"Bad Slug!\",\"scope\":\"all\"}", "{\"title\":\"\\u0000\"}",
            "{\"voted\":null}", "{}");
    static final List<String> QUERIES = List.of("page=abc", "per_page=-5", "page=99999999999", "page=0&per_page=100000",
            "sort=sideways", "status=opennnn", "category=x", "limit=abc", "limit=-1", "since=yesterday", "days=abc",
            "days=100000", "q=" + "a".repeat(300), "q=%22%27%3B--%20DROP", "q=dark-mode%20%22quoted%22%20-x%20*", "page=1e3");
    /** (%00 and other illegal URIs never reach Rungu: Jetty refuses them with its own 400 before routing.) */
    static final List<String> IDS = List.of("x", "%20", "..%2F..%2Fetc", "a".repeat(500), "%E2%9C%93", "00000000-0000-0000-0000-000000000000");

    @TempDir
    Path dir;
    TestServer s;
    Actor.Account admin;
    JsonNode paths;

    @BeforeEach
    void start() {
        s = TestServer.start(dir, http -> http.rateLimits.enabled = false, host -> {});
        admin = s.admin();
        s.board().createProject(admin, new NewProject("App", "app", ""));
        String post = s.board().createPost(admin, "app", new NewPost("Post", "", null)).post().id();
        s.board().addComment(admin, post, new NewComment("Hi", null));
        paths = s.get("/api/openapi.json").json().get("paths");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private void check(List<String> problems, String what, TestServer.Res r) {
        if (r.status() >= 500) {
            problems.add(what + " -> " + r);
        } else if (r.status() >= 400) {
            String type = r.header("Content-Type");
            if (type == null || !type.startsWith("application/json") || !r.json().has("code")) {
                problems.add(what + " -> not JSON: " + r);
            }
        }
    }

    @Test
    void malformed_bodies_on_every_route_are_json_4xx() {
        List<String> problems = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            String method = m.toUpperCase(Locale.ROOT);
            if (method.equals("GET") || method.equals("DELETE") || p.getKey().equals("/mcp")) {
                return; // MCP answers a signed-in caller's malformed messages with JSON-RPC errors, not Rungu's
            }
            String path = p.getKey().replace("{slug}", "app").replaceAll("\\{[a-z_]+}", "x");
            for (String body : BODIES) {
                check(problems, method + " " + path + " " + body, s.json(method, path, admin, body));
            }
            check(problems, method + " " + path + " text/plain",
                    s.req(method, path).as(admin).body("text/plain", "hello".getBytes(StandardCharsets.UTF_8)).send());
            check(problems, method + " " + path + " no content type",
                    s.req(method, path).as(admin).body(null, "{}".getBytes(StandardCharsets.UTF_8)).send());
            byte[] big = ("{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            var r = s.req(method, path).as(admin).body("application/json", big).send();
            check(problems, method + " " + path + " 2 MiB", r);
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void malformed_queries_and_path_parameters_on_every_route_are_json_4xx() {
        List<String> problems = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            String method = m.toUpperCase(Locale.ROOT);
            if (!method.equals("GET") || p.getKey().equals("/mcp")) {
                return;
            }
            String path = p.getKey().replace("{slug}", "app").replaceAll("\\{[a-z_]+}", "x");
            // A live stream answers 200 and stays open whatever else its query holds; its one parameter,
            // last_event_id, is checked in LiveEventsTest.
            for (String q : p.getKey().endsWith("/events") ? List.<String>of() : QUERIES) {
                check(problems, "GET " + path + "?" + q, s.get(path + "?" + q, admin));
            }
            if (p.getKey().contains("{")) {
                for (String id : IDS) {
                    String odd = p.getKey().replace("{slug}", id).replace("{id}", id);
                    check(problems, "GET " + odd, s.get(odd, admin));
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void an_overlong_query_string_is_413() {
        var r = s.get("/api/projects?q=" + "a".repeat(5000));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("too_large");
    }

    @Test
    void a_body_past_the_json_limit_is_413_and_a_wrong_type_is_415() {
        var big = s.req("POST", "/api/projects").as(admin)
                .body("application/json", ("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8))
                .send();
        assertThat(big.status()).isEqualTo(413);
        var wrongType = s.req("POST", "/api/projects").as(admin).body("text/plain", "{}".getBytes(StandardCharsets.UTF_8)).send();
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().get("code").asText()).isEqualTo("unsupported_media_type");
        var malformed = s.json("POST", "/api/projects", admin, "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).startsWith("Malformed JSON");
        var wrongField = s.json("POST", "/api/projects", admin, "{\"name\":42}");
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.json().get("fields").get("name").asText()).isEqualTo("name must be a string");
    }

    @Test
    void too_many_headers_are_refused() {
        var req = s.req("GET", "/api/projects");
        for (int i = 0; i < 120; i++) {
            req.header("X-Filler-" + i, "v");
        }
        assertThat(req.send().status()).isEqualTo(413);
    }
}
