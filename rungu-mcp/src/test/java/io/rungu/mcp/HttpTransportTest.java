package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamable HTTP through {@link RunguMcpServer#handleHttp}: sessions, headers, status codes. */
class HttpTransportTest {
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
    static final String ACCEPT_BOTH = "application/json, text/event-stream";

    @TempDir
    Path dir;
    Fixture f;
    RunguMcpServer server;

    @BeforeEach
    void open() {
        f = new Fixture(dir);
        server = RunguMcpServer.create(f.stores.board(), cfg -> cfg.allowedOrigins = Set.of("https://app.example.com"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static McpHttpRequest post(String body, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(Map.of("content-type", "application/json", "accept", ACCEPT_BOTH));
        h.putAll(headers);
        return new McpHttpRequest("POST", h, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(McpHttpResponse response) throws Exception {
        return StdioConversation.JSON.readTree(response.body());
    }

    private String initialize(Actor actor) {
        McpHttpResponse response = server.handleHttp(post(INIT, Map.of()), actor);
        assertThat(response.status()).isEqualTo(200);
        String session = response.headers().get("Mcp-Session-Id");
        assertThat(session).isNotBlank().matches("[\\x21-\\x7e]+");
        return session;
    }

    private McpHttpResponse inSession(String session, String body) {
        return server.handleHttp(post(body, Map.of("mcp-session-id", session, "mcp-protocol-version", "2025-11-25")), f.agent);
    }

    @Test
    void initialize_creates_a_session_and_later_requests_use_it() throws Exception {
        McpHttpResponse init = server.handleHttp(post(INIT, Map.of()), f.agent);
        assertThat(init.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(json(init).path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
        String session = init.headers().get("Mcp-Session-Id");

        McpHttpResponse ping = inSession(session, PING);
        assertThat(ping.status()).isEqualTo(200);
        assertThat(json(ping).path("id").asInt()).isEqualTo(2);

        McpHttpResponse call = inSession(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"get_project\",\"arguments\":{\"slug\":\"demo\"}}}");
        assertThat(json(call).path("result").path("structuredContent").path("project").path("slug").asText()).isEqualTo("demo");
    }

    @Test
    void each_initialize_gets_its_own_session() {
        assertThat(initialize(f.agent)).isNotEqualTo(initialize(f.agent));
    }

    @Test
    void notifications_and_client_responses_are_accepted_with_202_and_no_body() {
        String session = initialize(f.agent);
        McpHttpResponse accepted = inSession(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        assertThat(inSession(session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}").status()).isEqualTo(202);
    }

    @Test
    void a_request_without_a_session_is_400_and_an_unknown_session_404() throws Exception {
        McpHttpResponse missing = server.handleHttp(post(PING, Map.of()), f.agent);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(json(missing).path("error").path("message").asText()).contains("Mcp-Session-Id");
        McpHttpResponse unknown = inSession("deadbeef", PING);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void a_session_only_serves_the_user_that_created_it() {
        String session = initialize(f.agent);
        McpHttpResponse other = server.handleHttp(post(PING, Map.of("mcp-session-id", session)), f.member);
        assertThat(other.status()).isEqualTo(404);
        assertThat(inSession(session, PING).status()).isEqualTo(200);
    }

    @Test
    void an_unsupported_protocol_version_header_is_400() throws Exception {
        String session = initialize(f.agent);
        McpHttpResponse response = server.handleHttp(post(PING, Map.of("mcp-session-id", session,
                "mcp-protocol-version", "2024-01-01")), f.agent);
        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asText()).contains("2025-11-25");
        assertThat(server.handleHttp(post(PING, Map.of("mcp-session-id", session,
                "mcp-protocol-version", "2025-03-26")), f.agent).status()).isEqualTo(200);
        assertThat(server.handleHttp(post(PING, Map.of("mcp-session-id", session)), f.agent).status()).isEqualTo(200);
    }

    @Test
    void a_foreign_origin_is_403_and_an_allowed_one_passes() {
        McpHttpResponse evil = server.handleHttp(post(INIT, Map.of("origin", "https://evil.example")), f.agent);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.headers()).doesNotContainKey("Mcp-Session-Id");
        assertThat(server.handleHttp(post(INIT, Map.of("origin", "https://app.example.com")), f.agent).status())
                .isEqualTo(200);
        McpHttpResponse get = server.handleHttp(new McpHttpRequest("GET", Map.of("origin", "http://localhost:1"), null), f.agent);
        assertThat(get.status()).isEqualTo(403);
    }

    @Test
    void get_is_405_because_the_server_opens_no_stream() {
        McpHttpResponse get = server.handleHttp(new McpHttpRequest("GET", Map.of("accept", "text/event-stream"), null), f.agent);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers().get("Allow")).contains("POST");
        assertThat(server.handleHttp(new McpHttpRequest("PUT", Map.of(), null), f.agent).status()).isEqualTo(405);
    }

    @Test
    void delete_ends_the_session() {
        String session = initialize(f.agent);
        assertThat(server.handleHttp(new McpHttpRequest("DELETE", Map.of("mcp-session-id", session), null), f.member)
                .status()).isEqualTo(404);
        assertThat(server.handleHttp(new McpHttpRequest("DELETE", Map.of("mcp-session-id", session), null), f.agent)
                .status()).isEqualTo(204);
        assertThat(inSession(session, PING).status()).isEqualTo(404);
        assertThat(server.handleHttp(new McpHttpRequest("DELETE", Map.of(), null), f.agent).status()).isEqualTo(400);
    }

    @Test
    void idle_sessions_expire() {
        var clock = f.stores.clock();
        RunguMcpServer shortLived = RunguMcpServer.create(f.stores.board(), cfg -> {
            cfg.clock = clock;
            cfg.sessionIdleTimeout = Duration.ofMinutes(5);
        });
        String session = shortLived.handleHttp(post(INIT, Map.of()), f.agent).headers().get("Mcp-Session-Id");
        assertThat(shortLived.handleHttp(post(PING, Map.of("mcp-session-id", session)), f.agent).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(6));
        assertThat(shortLived.handleHttp(post(PING, Map.of("mcp-session-id", session)), f.agent).status()).isEqualTo(404);
    }

    @Test
    void accept_headers_are_tolerated_and_an_event_stream_only_client_gets_one_event() throws Exception {
        for (String accept : new String[] {"application/json", "*/*", ""}) {
            McpHttpResponse r = server.handleHttp(post(INIT, Map.of("accept", accept)), f.agent);
            assertThat(r.status()).as(accept).isEqualTo(200);
            assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
        }
        McpHttpResponse sse = server.handleHttp(post(INIT, Map.of("accept", "text/event-stream")), f.agent);
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.headers().get("Content-Type")).isEqualTo("text/event-stream");
        String body = new String(sse.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("event: message\ndata: {").endsWith("}\n\n");
        assertThat(server.handleHttp(post(INIT, Map.of("accept", "text/html")), f.agent).status()).isEqualTo(406);
    }

    @Test
    void wrong_content_type_is_415_and_an_oversized_body_413() throws Exception {
        assertThat(server.handleHttp(post(INIT, Map.of("content-type", "text/plain")), f.agent).status()).isEqualTo(415);
        RunguMcpServer small = RunguMcpServer.create(f.stores.board(), cfg -> cfg.maxMessageBytes = 1024);
        McpHttpResponse big = small.handleHttp(post("{\"x\":\"" + "a".repeat(2000) + "\"}", Map.of()), f.agent);
        assertThat(big.status()).isEqualTo(413);
        assertThat(json(big).path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void malformed_bodies_and_batches_are_400_with_json_rpc_errors() throws Exception {
        McpHttpResponse parse = server.handleHttp(post("{nope", Map.of()), f.agent);
        assertThat(parse.status()).isEqualTo(400);
        assertThat(json(parse).path("error").path("code").asInt()).isEqualTo(-32700);
        McpHttpResponse batch = server.handleHttp(post("[" + PING + "]", Map.of()), f.agent);
        assertThat(batch.status()).isEqualTo(400);
        assertThat(json(batch).path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void a_read_scoped_token_over_http_sees_only_read_tools() throws Exception {
        Actor.Account readToken = io.rungu.store.TestStores.readOnly(f.admin);
        String session = server.handleHttp(post(INIT, Map.of()), readToken).headers().get("Mcp-Session-Id");
        JsonNode tools = json(server.handleHttp(post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                Map.of("mcp-session-id", session)), readToken)).path("result").path("tools");
        assertThat(tools).hasSize(PermissionsTest.READ_TOOLS.size());
    }

    @Test
    void a_refused_initialize_creates_no_session() {
        McpHttpResponse r = server.handleHttp(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
                Map.of()), f.agent);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).doesNotContainKey("Mcp-Session-Id");
    }
}
