package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol revision 2026-07-28 beside the 2025-11-25 sessions: requests that carry their version and capabilities in
 * {@code _meta}, the mirrored HTTP headers, {@code server/discover}, and results as that revision shapes them, over
 * {@link RunguMcpServer#handleHttp} and over stdio.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatelessProtocolTest {
    static final String V = "2026-07-28";

    @TempDir
    static Path dir;
    Fixture f;
    RunguMcpServer server;

    @BeforeAll
    void open() {
        f = new Fixture(dir);
        server = f.server();
    }

    @AfterAll
    void close() {
        f.close();
    }

    /** A 2026-07-28 request body: params plus the required _meta. */
    static String request(int id, String method, Map<String, Object> params) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", V,
                "io.modelcontextprotocol/clientCapabilities", Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "stateless-test", "version", "1.0")));
        try {
            return StdioConversation.JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method,
                    "params", p));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers a conforming client sends with a body. */
    static Map<String, String> headers(String method, String name) {
        Map<String, String> h = new HashMap<>(Map.of("content-type", "application/json",
                "accept", "application/json, text/event-stream", "mcp-protocol-version", V, "mcp-method", method));
        if (name != null) {
            h.put("mcp-name", name);
        }
        return h;
    }

    McpHttpResponse post(String body, Map<String, String> headers) {
        return server.handleHttp(new McpHttpRequest("POST", headers, body.getBytes(StandardCharsets.UTF_8)), f.agent);
    }

    static JsonNode json(McpHttpResponse r) throws Exception {
        return StdioConversation.JSON.readTree(r.body());
    }

    @Test
    void a_tools_call_without_any_prior_request_succeeds_and_is_shaped_for_2026_07_28() throws Exception {
        McpHttpResponse r = post(request(1, "tools/call", Map.of("name", "get_project", "arguments", Map.of("slug", "demo"))),
                headers("tools/call", "get_project"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).doesNotContainKey("Mcp-Session-Id");
        JsonNode result = json(r).path("result");
        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("structuredContent").path("project").path("slug").asText()).isEqualTo("demo");
        assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText()).isEqualTo("rungu");
    }

    @Test
    void a_write_names_the_client_from_meta_in_the_audit_log() throws Exception {
        McpHttpResponse r = post(request(2, "tools/call", Map.of("name", "create_post",
                "arguments", Map.of("slug", "demo", "title", "Stateless idea"))), headers("tools/call", "create_post"));
        assertThat(json(r).path("result").path("isError").asBoolean()).as(json(r).toString()).isFalse();
        assertThat(f.stores.strings("SELECT client FROM audit_log WHERE client IS NOT NULL"))
                .contains("stateless-test");
    }

    @Test
    void server_discover_answers_versions_capabilities_and_identity() throws Exception {
        McpHttpResponse r = post(request(3, "server/discover", Map.of()), headers("server/discover", null));
        assertThat(r.status()).isEqualTo(200);
        JsonNode result = json(r).path("result");
        assertThat(result.path("supportedVersions").toString()).contains(V);
        assertThat(result.path("capabilities").has("tools")).isTrue();
        assertThat(result.path("serverInfo").path("version").asText()).isEqualTo("9.9.9-test");
        assertThat(result.path("instructions").asText()).contains("list_projects");
        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.path("ttlMs").isIntegralNumber()).isTrue();
        assertThat(result.path("cacheScope").asText()).isEqualTo("public");
    }

    @Test
    void lists_and_reads_carry_cache_hints() throws Exception {
        JsonNode tools = json(post(request(4, "tools/list", Map.of()), headers("tools/list", null))).path("result");
        assertThat(tools.path("tools").size()).isGreaterThan(10);
        assertThat(tools.path("cacheScope").asText()).isEqualTo("private");
        assertThat(tools.path("tools").get(0).has("outputSchema")).isTrue();
        JsonNode read = json(post(request(5, "resources/read", Map.of("uri", "rungu://projects/demo")),
                headers("resources/read", "rungu://projects/demo"))).path("result");
        assertThat(read.path("contents").get(0).path("text").asText()).contains("Demo App");
        assertThat(read.path("ttlMs").asLong()).isZero();
        JsonNode prompt = json(post(request(6, "prompts/get", Map.of("name", "triage_board",
                "arguments", Map.of("slug", "demo"))), headers("prompts/get", "triage_board"))).path("result");
        assertThat(prompt.path("resultType").asText()).isEqualTo("complete");
        assertThat(prompt.path("messages").size()).isEqualTo(1);
    }

    @Test
    void headers_that_disagree_with_the_body_are_a_400_header_mismatch() throws Exception {
        String body = request(7, "tools/call", Map.of("name", "get_project", "arguments", Map.of("slug", "demo")));
        Map<String, Map<String, String>> wrong = new LinkedHashMap<>();
        wrong.put("name differs", headers("tools/call", "delete_project"));
        wrong.put("method differs", headers("tools/list", "get_project"));
        wrong.put("name missing", headers("tools/call", null));
        Map<String, String> noMethod = headers("tools/call", "get_project");
        noMethod.remove("mcp-method");
        wrong.put("method missing", noMethod);
        Map<String, String> noVersion = headers("tools/call", "get_project");
        noVersion.remove("mcp-protocol-version");
        wrong.put("version missing", noVersion);
        Map<String, String> otherVersion = headers("tools/call", "get_project");
        otherVersion.put("mcp-protocol-version", "2025-11-25");
        wrong.put("version differs", otherVersion);
        for (var c : wrong.entrySet()) {
            McpHttpResponse r = post(body, c.getValue());
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(json(r).path("error").path("code").asInt()).as(c.getKey()).isEqualTo(-32020);
            assertThat(json(r).path("id").asInt()).as(c.getKey()).isEqualTo(7);
        }
    }

    @Test
    void a_base64_encoded_name_header_is_decoded_before_comparing() throws Exception {
        String uri = "rungu://posts/" + f.adminPost.post().id();
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString(uri.getBytes(StandardCharsets.UTF_8)) + "?=";
        McpHttpResponse r = post(request(8, "resources/read", Map.of("uri", uri)), headers("resources/read", encoded));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("result").path("contents").get(0).path("text").asText()).contains("Dark mode");
    }

    @Test
    void missing_meta_fields_are_400_invalid_params_and_an_unknown_version_lists_the_supported_ones() throws Exception {
        ObjectNode noMeta = (ObjectNode) StdioConversation.JSON.readTree(request(9, "tools/list", Map.of()));
        ((ObjectNode) noMeta.path("params")).remove("_meta");
        McpHttpResponse missing = post(noMeta.toString(), headers("tools/list", null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(json(missing).path("error").path("code").asInt()).isEqualTo(-32602);

        ObjectNode noCapabilities = (ObjectNode) StdioConversation.JSON.readTree(request(10, "tools/list", Map.of()));
        ((ObjectNode) noCapabilities.path("params").path("_meta")).remove("io.modelcontextprotocol/clientCapabilities");
        McpHttpResponse noCaps = post(noCapabilities.toString(), headers("tools/list", null));
        assertThat(noCaps.status()).isEqualTo(400);
        assertThat(json(noCaps).path("error").path("code").asInt()).isEqualTo(-32602);

        Map<String, String> old = headers("tools/list", null);
        old.put("mcp-protocol-version", "1900-01-01");
        McpHttpResponse unknown = post(request(11, "tools/list", Map.of()).replace(V, "1900-01-01"), old);
        assertThat(unknown.status()).isEqualTo(400);
        JsonNode error = json(unknown).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32022);
        assertThat(error.path("data").path("requested").asText()).isEqualTo("1900-01-01");
        assertThat(error.path("data").path("supported").toString()).contains(V, "2025-11-25");
    }

    @Test
    void methods_the_revision_removed_are_404_method_not_found() throws Exception {
        for (String method : new String[] {"ping", "logging/setLevel", "resources/subscribe"}) {
            McpHttpResponse r = post(request(12, method, Map.of()), headers(method, null));
            assertThat(r.status()).as(method).isEqualTo(404);
            assertThat(json(r).path("error").path("code").asInt()).as(method).isEqualTo(-32601);
        }
    }

    @Test
    void an_unknown_resource_is_invalid_params_not_the_retired_32002() throws Exception {
        McpHttpResponse r = post(request(13, "resources/read", Map.of("uri", "rungu://posts/nope")),
                headers("resources/read", "rungu://posts/nope"));
        assertThat(json(r).path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void a_session_id_is_ignored_and_never_minted() throws Exception {
        Map<String, String> h = headers("tools/list", null);
        h.put("mcp-session-id", "deadbeef");
        McpHttpResponse r = post(request(14, "tools/list", Map.of()), h);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).doesNotContainKey("Mcp-Session-Id");
    }

    @Test
    void legacy_sessions_still_work_on_the_same_server() throws Exception {
        McpHttpResponse init = post(HttpTransportTest.INIT, Map.of("content-type", "application/json"));
        String session = init.headers().get("Mcp-Session-Id");
        assertThat(json(init).path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
        McpHttpResponse ping = post(HttpTransportTest.PING, Map.of("mcp-session-id", session,
                "mcp-protocol-version", "2025-11-25"));
        assertThat(ping.status()).isEqualTo(200);
        assertThat(json(ping).path("result").has("resultType")).isFalse();
    }

    @Test
    void stdio_serves_2026_07_28_requests_without_initialize_and_a_session_client_beside_them() throws Exception {
        try (StdioConversation c = new StdioConversation(server, f.agent)) {
            c.send(request(1, "server/discover", Map.of()));
            assertThat(c.receive().path("result").path("supportedVersions").toString()).contains(V);
            c.send(request(2, "tools/call", Map.of("name", "list_posts", "arguments", Map.of("slug", "demo"))));
            JsonNode call = c.receive().path("result");
            assertThat(call.path("resultType").asText()).isEqualTo("complete");
            assertThat(call.path("structuredContent").path("posts").size()).isGreaterThanOrEqualTo(2);
            c.send(request(3, "ping", Map.of()));
            assertThat(c.receive().path("error").path("code").asInt()).isEqualTo(-32601);
            assertThat(c.initialize("2025-11-25").path("protocolVersion").asText()).isEqualTo("2025-11-25");
            JsonNode legacy = c.request("tools/list", Map.of()).path("result");
            assertThat(legacy.path("tools").size()).isGreaterThan(10);
            assertThat(legacy.has("resultType")).isFalse();
        }
    }
}
