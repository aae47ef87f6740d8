package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.rungu.model.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official SDK's Streamable HTTP client against {@link RunguMcpServer#handleHttp}, mounted on the JDK's own
 * HTTP server the way rungu-http mounts it on Javalin (authenticate, then pass method, headers and body through).
 */
class SdkHttpClientTest {
    @TempDir
    Path dir;
    Fixture f;
    HttpServer http;
    String base;

    @BeforeEach
    void start() throws IOException {
        f = new Fixture(dir);
        RunguMcpServer mcp = RunguMcpServer.create(f.stores.board());
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/mcp", exchange -> serve(mcp, exchange));
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        http.stop(0);
        f.close();
    }

    private void serve(RunguMcpServer mcp, HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            Actor actor = "Bearer test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    ? f.adminAgent : null;
            if (actor == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            McpHttpResponse response = mcp.handleHttp(
                    new McpHttpRequest(exchange.getRequestMethod(), headers, body.readAllBytes()), actor);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
        }
    }

    private McpSyncClient client(List<String> versions) {
        var builder = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .customizeClient(c -> c.connectTimeout(Duration.ofSeconds(5)))
                .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer test-token"));
        if (versions != null) {
            builder.supportedProtocolVersions(versions);
        }
        return McpClient.sync(builder.build()).requestTimeout(Duration.ofSeconds(20))
                .enableCallToolSchemaCaching(true).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2025-06-18", "2025-03-26"})
    void the_official_sdk_client_works_over_streamable_http_at_each_version(String version) {
        try (McpSyncClient client = client(List.of(version))) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.protocolVersion()).isEqualTo(version);
            assertThat(client.listTools().tools()).hasSize(62);
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("list_posts")
                    .arguments(Map.of("slug", "demo", "sort", "most_votes")).build());
            assertThat(result.isError()).isFalse();
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("Dark mode");
            McpSchema.CallToolResult vote = client.callTool(McpSchema.CallToolRequest.builder("vote_post")
                    .arguments(Map.of("id", f.adminPost.post().id(), "voted", true)).build());
            assertThat(vote.isError()).isFalse();
            assertThat(client.readResource(McpSchema.ReadResourceRequest.builder("rungu://projects/demo").build())
                    .contents()).hasSize(1);
            assertThat(client.getPrompt(McpSchema.GetPromptRequest.builder("triage_board")
                    .arguments(Map.of("slug", "demo")).build()).messages()).hasSize(1);
            client.ping();
        }
        assertThat(f.stores.board().getPost(f.admin, f.adminPost.post().id()).post().voteCount()).isEqualTo(1);
    }

    @Test
    void the_sdk_client_negotiates_the_latest_version_by_default() {
        try (McpSyncClient client = client(null)) {
            assertThat(client.initialize().protocolVersion()).isIn(RunguMcpServer.PROTOCOL_VERSIONS);
            assertThat(client.listPrompts().prompts()).hasSize(5);
        }
    }
}
