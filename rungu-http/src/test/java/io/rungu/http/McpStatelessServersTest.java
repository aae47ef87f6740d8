package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.TokenScope;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP 2026-07-28 behind a load balancer without sticky routing: two real servers over one PostgreSQL database
 * answer raw stateless HTTP requests (no initialize, no session), alternating between them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpStatelessServersTest {
    static final String V = "2026-07-28";

    @TempDir
    static Path dir;
    TestServer first;
    RunguStore secondStore;
    Javalin second;
    List<String> bases;
    Actor.Account agent;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        first = TestServer.startOn(TestDatabase.POSTGRES, dir);
        secondStore = RunguStore.open(c -> c.url = first.stores.url());
        second = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new RunguPlugin(secondStore, TestServer::resolve, http -> { }));
        }).start("127.0.0.1", 0);
        bases = List.of(first.base, "http://127.0.0.1:" + second.port());
        Actor.Account admin = first.admin();
        first.board().createProject(admin, new NewProject("Ideas", "ideas", "Shared board"));
        Actor.Account member = first.member("Agent owner");
        agent = new Actor.Account(member.userId(), member.role(), Actor.Channel.API_TOKEN, TokenScope.WRITE);
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.stop();
        }
        if (secondStore != null) {
            secondStore.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private JsonNode post(String base, int id, String method, String name, Map<String, Object> params) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", V,
                "io.modelcontextprotocol/clientCapabilities", Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "balanced-agent", "version", "1")));
        String body = TestServer.MAPPER.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method,
                "params", p));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("X-Test-Actor", TestServer.header(agent))
                .header("MCP-Protocol-Version", V).header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (name != null) {
            b.header("Mcp-Name", name);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Mcp-Session-Id")).isEmpty();
        return TestServer.MAPPER.readTree(r.body()).path("result");
    }

    private JsonNode call(String base, int id, String tool, Map<String, Object> arguments) throws Exception {
        JsonNode result = post(base, id, "tools/call", tool, Map.of("name", tool, "arguments", arguments));
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        return result.path("structuredContent");
    }

    @Test
    void tools_calls_without_any_prior_request_succeed_on_either_server_alternately() throws Exception {
        String postId = call(bases.get(0), 1, "create_post", Map.of("slug", "ideas", "title", "Offline mode"))
                .path("post").path("id").asText();
        assertThat(call(bases.get(1), 2, "get_post", Map.of("id", postId)).path("post").path("title").asText())
                .isEqualTo("Offline mode");
        assertThat(call(bases.get(0), 3, "vote_post", Map.of("id", postId, "voted", true)).path("vote_count").asLong())
                .isEqualTo(1);
        call(bases.get(1), 4, "add_comment", Map.of("post_id", postId, "content", "From the second server"));
        JsonNode comments = call(bases.get(0), 5, "list_comments", Map.of("post_id", postId));
        assertThat(comments.path("comments").get(0).path("content").asText()).isEqualTo("From the second server");
        JsonNode posts = call(bases.get(1), 6, "list_posts", Map.of("slug", "ideas"));
        assertThat(posts.path("posts").get(0).path("vote_count").asLong()).isEqualTo(1);
        assertThat(first.stores.strings("SELECT DISTINCT client FROM audit_log WHERE client IS NOT NULL"))
                .containsExactly("balanced-agent");
    }

    @Test
    void server_discover_answers_on_both_servers() throws Exception {
        for (int i = 0; i < bases.size(); i++) {
            JsonNode discover = post(bases.get(i), 10 + i, "server/discover", null, Map.of());
            assertThat(discover.path("supportedVersions").toString()).contains(V);
            assertThat(discover.path("serverInfo").path("name").asText()).isEqualTo("rungu");
        }
    }

    @Test
    void a_header_that_disagrees_with_the_body_is_refused_by_the_real_endpoint() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"tools/call\",\"params\":{\"name\":\"list_projects\","
                + "\"arguments\":{},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V + "\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(bases.get(1) + "/mcp"))
                .header("Content-Type", "application/json").header("X-Test-Actor", TestServer.header(agent))
                .header("MCP-Protocol-Version", V).header("Mcp-Method", "tools/call").header("Mcp-Name", "delete_project")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.MAPPER.readTree(r.body()).path("error").path("code").asInt()).isEqualTo(-32020);
    }
}
