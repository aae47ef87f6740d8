package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/audit} on the real server: writes made in the browser, with an API token and by an agent through
 * {@code /mcp} (the official SDK client) are each listed with their actor, channel and client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {
    TestServer s;
    String adminCookie;
    String memberCookie;
    String token;
    String readToken;
    String adminId;
    String postId;

    @BeforeAll
    void start(@TempDir Path dir) {
        s = TestServer.startWithAuth(dir, http -> http.rateLimits.enabled = false);
        adminCookie = s.signIn("ann@example.test", Role.ADMIN);
        memberCookie = s.signIn("max@example.test", Role.MEMBER);
        adminId = s.stores.store().accounts().findUserByEmail("ann@example.test").orElseThrow().id();
        Actor.Account ann = Actor.of(adminId, Role.ADMIN);
        token = s.auth.createToken(ann, "deploy-script", TokenScope.WRITE).secret();
        readToken = s.auth.createToken(ann, "auditor", TokenScope.READ).secret();
        s.board().createProject(ann, new NewProject("Audited", "audited", ""));
        s.board().createProject(ann, new NewProject("Quiet", "quiet", ""));
        postId = s.board().createPost(ann, "audited", new NewPost("Dark mode", "Please", null)).post().id();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private JsonNode audit(String query) {
        var r = s.req("GET", "/api/audit" + query).header("Cookie", adminCookie).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void writes_in_the_browser_with_a_token_and_through_mcp_show_actor_channel_client_and_changes() {
        var web = s.req("PATCH", "/api/posts/" + postId).header("Cookie", adminCookie)
                .json("{\"title\": \"Dark mode, please\"}").send();
        assertThat(web.status()).as(web.toString()).isEqualTo(200);
        var api = s.req("PATCH", "/api/posts/" + postId).header("Authorization", "Bearer " + token)
                .json("{\"status\": \"planned\", \"response\": \"Next quarter\"}").send();
        assertThat(api.status()).as(api.toString()).isEqualTo(200);
        McpSyncClient mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder(s.base).endpoint("/mcp")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build())
                .clientInfo(new McpSchema.Implementation("audit-sdk-client", "1.0"))
                .requestTimeout(Duration.ofSeconds(20)).build();
        try {
            mcp.initialize();
            McpSchema.CallToolResult edited = mcp.callTool(McpSchema.CallToolRequest.builder("update_post")
                    .arguments(Map.of("id", postId, "description", "Please, at night")).build());
            assertThat(edited.isError()).isFalse();
            McpSchema.CallToolResult log = mcp.callTool(McpSchema.CallToolRequest.builder("get_audit_log")
                    .arguments(Map.of("project", "audited", "action", "post")).build());
            assertThat(log.isError()).isFalse();
            assertThat(((McpSchema.TextContent) log.content().get(0)).text()).contains("audit-sdk-client");
        } finally {
            mcp.closeGracefully();
        }

        JsonNode entries = audit("?project=audited&action=post").path("data");
        JsonNode viaMcp = entries.get(0);
        assertThat(viaMcp.path("action").asText()).isEqualTo("post.edited");
        assertThat(viaMcp.path("channel").asText()).isEqualTo("mcp_http");
        assertThat(viaMcp.path("client").asText()).isEqualTo("audit-sdk-client");
        assertThat(viaMcp.path("actor").path("id").asText()).isEqualTo(adminId);
        assertThat(viaMcp.path("changes").path("description").path("before").asText()).isEqualTo("Please");
        assertThat(viaMcp.path("changes").path("description").path("after").asText()).isEqualTo("Please, at night");

        JsonNode viaToken = entries.get(1);
        assertThat(viaToken.path("action").asText()).isEqualTo("post.status_changed");
        assertThat(viaToken.path("channel").asText()).isEqualTo("api_token");
        assertThat(viaToken.path("client").asText()).isEqualTo("deploy-script");
        assertThat(viaToken.path("changes").path("status").path("before").asText()).isEqualTo("open");
        assertThat(viaToken.path("changes").path("status").path("after").asText()).isEqualTo("planned");
        assertThat(viaToken.path("changes").path("response").path("after").asText()).isEqualTo("Next quarter");

        JsonNode viaWeb = entries.get(2);
        assertThat(viaWeb.path("channel").asText()).isEqualTo("web");
        assertThat(viaWeb.path("client").isNull()).isTrue();
        assertThat(viaWeb.path("target").path("type").asText()).isEqualTo("post");
        assertThat(viaWeb.path("target").path("id").asText()).isEqualTo(postId);
        assertThat(viaWeb.path("changes").path("title").path("before").asText()).isEqualTo("Dark mode");
        assertThat(viaWeb.path("changes").path("title").path("after").asText()).isEqualTo("Dark mode, please");
        assertThat(viaWeb.fieldNames()).toIterable().containsExactly("id", "at", "actor", "channel", "client",
                "action", "target", "changes");
        assertThat(viaWeb.path("actor").fieldNames()).toIterable().containsExactly("id", "name");
    }

    @Test
    void filters_and_paging_follow_the_other_lists() {
        for (int i = 0; i < 3; i++) {
            s.req("POST", "/api/projects/quiet/posts").header("Authorization", "Bearer " + token)
                    .json("{\"title\": \"Quiet idea " + i + "\"}").send();
        }
        JsonNode page2 = audit("?project=quiet&per_page=2&page=2");
        assertThat(page2.path("pagination").path("total").asLong()).isEqualTo(4); // the board and three posts
        assertThat(page2.path("pagination").path("total_pages").asInt()).isEqualTo(2);
        List<Long> ids = new ArrayList<>();
        audit("?project=quiet&per_page=2").path("data").forEach(e -> ids.add(e.path("id").asLong()));
        page2.path("data").forEach(e -> ids.add(e.path("id").asLong()));
        assertThat(ids).hasSize(4).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(audit("?project=quiet&action=post.created&since=1h&actor=" + adminId).path("pagination")
                .path("total").asLong()).isEqualTo(3);
        assertThat(audit("?since=2099-01-01T00:00:00Z").path("data")).isEmpty();

        var bad = s.req("GET", "/api/audit?since=yesterday").header("Cookie", adminCookie).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("fields").has("since")).isTrue();
        assertThat(s.req("GET", "/api/audit?project=nope").header("Cookie", adminCookie).send().status())
                .isEqualTo(404);
    }

    @Test
    void only_admins_read_it_and_read_only_credentials_suffice() {
        var member = s.req("GET", "/api/audit").header("Cookie", memberCookie).send();
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.json().path("error").asText()).isEqualTo("Admin access required");
        assertThat(s.req("GET", "/api/audit").send().status()).isEqualTo(401);
        assertThat(s.req("GET", "/api/audit").header("Authorization", "Bearer " + readToken).send().status())
                .isEqualTo(200);
    }
}
