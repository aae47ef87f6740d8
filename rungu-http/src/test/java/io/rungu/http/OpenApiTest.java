package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
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
        // The host's login: Rungu's session cookie and API tokens do not exist, so they are not advertised.
        assertThat(doc.get("components").has("securitySchemes")).isFalse();
        try (TestServer auth = TestServer.startWithAuth(dir.resolve("auth"), http -> http.basePath = "/fb")) {
            JsonNode withAuth = auth.get("/api/openapi.json").json();
            assertThat(withAuth.get("components").get("securitySchemes").has("bearer")).isTrue();
            assertThat(withAuth.get("components").get("securitySchemes").has("session")).isTrue();
            assertThat(withAuth.get("paths").has("/api/tokens")).isTrue();
        }
    }

    @Test
    void every_json_request_schema_lists_exactly_the_fields_its_route_accepts() {
        try (TestServer auth = TestServer.startWithAuth(dir.resolve("fields"), http -> http.basePath = "/fb")) {
            auth.signIn("admin@example.com", io.rungu.model.Role.ADMIN);
            String token = auth.auth.createTokenFor("admin@example.com", "schemas", io.rungu.model.TokenScope.WRITE)
                    .secret();
            JsonNode d = auth.get("/api/openapi.json").json();
            JsonNode schemas = d.get("components").get("schemas");
            List<String> checked = new ArrayList<>();
            d.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
                JsonNode json = op.getValue().path("requestBody").path("content").path("application/json");
                String ref = json.path("schema").path("$ref").asText("");
                JsonNode properties = schemas.path(ref.replace("#/components/schemas/", "")).path("properties");
                if (ref.isEmpty() || properties.isMissingNode()) {
                    return;
                }
                String what = op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
                var r = auth.req(op.getKey().toUpperCase(Locale.ROOT),
                                p.getKey().replace("{slug}", "app").replaceAll("\\{[a-z_]+}", "x"))
                        .header("Authorization", "Bearer " + token).json("{\"zz_unknown\": 1}").send();
                String prefix = "Unknown field 'zz_unknown'; allowed: ";
                assertThat(r.status()).as(what + " " + r).isEqualTo(400);
                String error = r.json().get("error").asText();
                assertThat(error).as(what).startsWith(prefix);
                Set<String> accepted = Set.of(error.substring(prefix.length()).split(", "));
                Set<String> documented = new HashSet<>();
                properties.fieldNames().forEachRemaining(documented::add);
                assertThat(documented).as(what + " documents " + ref).isEqualTo(accepted);
                checked.add(what);
            }));
            assertThat(checked).contains("POST /api/projects/{slug}/posts", "PATCH /api/posts/{id}", "POST /api/tokens");
        }
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

    @Test
    void every_json_success_of_every_route_references_component_schemas() {
        JsonNode schemas = doc.get("components").get("schemas");
        List<String> unreferenced = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op ->
                op.getValue().get("responses").fields().forEachRemaining(r -> {
                    JsonNode json = r.getValue().path("content").path("application/json");
                    boolean download = r.getValue().path("headers").has("Content-Disposition");
                    if (!r.getKey().startsWith("2") || json.isMissingNode() || download) {
                        return;
                    }
                    List<String> refs = json.get("schema").findValuesAsText("$ref");
                    if (refs.isEmpty()) {
                        unreferenced.add(op.getKey() + " " + p.getKey() + " " + r.getKey());
                    }
                    for (String ref : refs) {
                        assertThat(schemas.has(ref.substring("#/components/schemas/".length()))).as(ref).isTrue();
                    }
                })));
        assertThat(unreferenced).isEmpty();
    }

    @Test
    void the_records_of_the_wire_model_are_the_component_schemas() {
        JsonNode schemas = doc.get("components").get("schemas");
        for (var type : io.rungu.wire.Wire.ENTITIES) {
            assertThat(schemas.has(type.getSimpleName())).as(type.getSimpleName()).isTrue();
        }
        JsonNode post = schemas.get("PostDetail").get("properties");
        assertThat(post.get("creator").get("$ref").asText()).isEqualTo("#/components/schemas/Creator");
        assertThat(post.get("done_at").get("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(doc.at("/paths/~1api~1posts~1{id}/get/responses/200/content/application~1json/schema/properties/data/$ref")
                .asText()).isEqualTo("#/components/schemas/PostDetail");
    }

    @Test
    void the_error_code_enum_lists_every_error_code() {
        JsonNode error = doc.get("components").get("schemas").get("Error");
        assertThat(error.at("/properties/code/$ref").asText()).isEqualTo("#/components/schemas/ErrorCode");
        List<String> codes = new ArrayList<>();
        doc.get("components").get("schemas").get("ErrorCode").get("enum").forEach(c -> codes.add(c.asText()));
        assertThat(codes).containsExactlyElementsOf(java.util.Arrays.stream(io.rungu.model.ErrorCode.values())
                .map(io.rungu.model.ErrorCode::wire).toList()).contains("method_not_allowed");
    }

    @Test
    void health_mcp_and_readiness_document_what_they_really_answer() {
        assertThat(fieldNames(doc.at("/paths/~1health/get/responses"))).containsExactly("200");
        assertThat(fieldNames(doc.at("/paths/~1health~1ready/get/responses"))).containsExactly("200", "503");
        assertThat(fieldNames(doc.at("/paths/~1mcp/post/responses"))).contains("200", "202", "404", "406");
    }

    @Test
    void health_is_never_rate_limited_so_it_documents_no_429(@TempDir Path other) {
        try (TestServer limited = TestServer.start(other, http -> http.rateLimits.readsPerIp = 2, host -> {})) {
            for (int i = 0; i < 10; i++) {
                assertThat(limited.get("/health").status()).as("request " + i).isEqualTo(200);
            }
            int last = 0;
            for (int i = 0; i < 5; i++) {
                last = limited.get("/api/projects").status();
            }
            assertThat(last).as("the read limit is on").isEqualTo(429);
        }
        assertThat(doc.at("/paths/~1api~1projects/get/responses").has("429")).isTrue();
    }

    @Test
    void the_input_limits_of_the_model_are_in_the_document() {
        JsonNode limits = doc.get("x-rungu-limits");
        assertThat(limits.get("title_max").asInt()).isEqualTo(io.rungu.model.Limits.TITLE_MAX);
        assertThat(limits.get("attachment_max_bytes").asInt()).isEqualTo(io.rungu.model.Limits.ATTACHMENT_MAX_BYTES);
        assertThat(doc.at("/components/schemas/NewPost/properties/title/maxLength").asInt())
                .isEqualTo(io.rungu.model.Limits.TITLE_MAX);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @SuppressWarnings("unchecked")
    private List<io.rungu.http.internal.Route> routes() throws Exception {
        RunguPlugin plugin = new RunguPlugin(s.stores.store(), TestServer::resolve, http -> http.basePath = "/fb");
        return plugin.routes("");
    }
}
