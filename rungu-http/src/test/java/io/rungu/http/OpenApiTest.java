package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document names exactly the routes the server answers. */
class OpenApiTest {
    @TempDir
    Path dir;
    TestServer s;
    JsonNode doc;

    @BeforeEach
    void start() {
        s = TestServer.start(dir, http -> http.basePath = "/fb", host -> {});
        var r = s.get("/api/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        doc = r.json();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** Every documented operation as "METHOD /path". */
    private Set<String> documented() {
        Set<String> ops = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> ops.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return ops;
    }

    @Test
    void the_document_is_openapi_3_1_with_servers_and_security_schemes() {
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.get("servers").get(0).get("url").asText()).isEqualTo("/fb");
        assertThat(doc.get("components").get("securitySchemes").has("bearer")).isTrue();
        assertThat(doc.get("components").get("securitySchemes").has("session")).isTrue();
    }

    @Test
    void every_api_route_of_the_contract_is_documented() {
        assertThat(documented()).contains("GET /api/projects", "POST /api/projects", "GET /api/projects/{slug}",
                "PATCH /api/projects/{slug}", "DELETE /api/projects/{slug}", "GET /api/projects/{slug}/posts",
                "GET /api/projects/{slug}/posts/similar", "POST /api/projects/{slug}/posts", "GET /api/projects/{slug}/roadmap", "GET /api/projects/{slug}/changelog",
                "GET /api/projects/{slug}/stats", "GET /api/projects/{slug}/trending", "GET /api/posts/{id}",
                "PATCH /api/posts/{id}", "DELETE /api/posts/{id}", "POST /api/posts/{id}/vote", "GET /api/posts/{id}/vote",
                "PUT /api/posts/{id}/vote", "GET /api/posts/{id}/comments", "POST /api/posts/{id}/comments",
                "PATCH /api/comments/{id}", "DELETE /api/comments/{id}", "GET /api/posts/{id}/attachments",
                "POST /api/posts/{id}/attachments", "GET /api/attachments/{id}", "DELETE /api/attachments/{id}",
                "GET /api/users", "PATCH /api/users/{id}", "PATCH /api/me", "GET /api/openapi.json", "GET /api/docs", "POST /mcp",
                "GET /mcp", "DELETE /mcp", "GET /health", "GET /health/ready");
    }

    @Test
    void every_registered_route_is_documented_and_nothing_else() throws Exception {
        Set<String> registered = new HashSet<>();
        for (var route : routes()) {
            if (route.doc() != null) {
                registered.add(route.method().name() + " " + route.path());
            }
        }
        assertThat(documented()).isEqualTo(registered);
    }

    @Test
    void every_documented_operation_is_answered_by_a_real_route() {
        List<String> unanswered = new ArrayList<>();
        for (String op : documented()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
            var r = s.req(method, path).send();
            boolean catchAll = (r.status() == 404 && r.text().contains("No such route")) || r.status() == 405
                    && !path.equals("/mcp");
            if (catchAll) {
                unanswered.add(op + " -> " + r);
            }
        }
        assertThat(unanswered).isEmpty();
    }

    @Test
    void each_operation_has_responses_and_its_path_parameters() {
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            assertThat(op.getValue().get("responses").size()).as(p.getKey()).isPositive();
            long params = p.getKey().chars().filter(c -> c == '{').count();
            long declared = 0;
            if (op.getValue().has("parameters")) {
                for (JsonNode param : op.getValue().get("parameters")) {
                    if (param.get("in").asText().equals("path")) {
                        declared++;
                    }
                }
            }
            assertThat(declared).as(op.getKey() + " " + p.getKey()).isEqualTo(params);
        }));
    }

    @Test
    void a_route_missing_from_the_document_would_be_caught() throws Exception {
        Set<String> registered = new HashSet<>();
        for (var route : routes()) {
            if (route.doc() != null) {
                registered.add(route.method().name() + " " + route.path());
            }
        }
        registered.add(HandlerType.GET.name() + " /api/undocumented");
        assertThat(documented()).isNotEqualTo(registered);
    }

    @SuppressWarnings("unchecked")
    private List<io.rungu.http.internal.Route> routes() throws Exception {
        RunguPlugin plugin = new RunguPlugin(s.stores.store(), TestServer::resolve, http -> http.basePath = "/fb");
        Field f = RunguPlugin.class.getDeclaredField("routes");
        f.setAccessible(true);
        return (List<io.rungu.http.internal.Route>) f.get(plugin);
    }
}
