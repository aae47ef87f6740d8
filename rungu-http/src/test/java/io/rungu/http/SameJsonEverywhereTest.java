package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One wire model: the same entity for the same viewer is the same JSON, field for field and in the same order, from
 * REST ({@code data}) and from MCP over the real server's {@code /mcp}, read by the official MCP SDK client (both
 * its text content and its {@code structuredContent}).
 */
class SameJsonEverywhereTest {
    @TempDir
    Path dir;
    TestServer s;
    String token;
    String slug;
    String postId;
    String annId;
    McpSyncClient mcp;

    @BeforeEach
    void start() {
        s = TestServer.startWithAuth(dir, http -> http.rateLimits.enabled = false);
        s.signIn("ann@example.test", Role.ADMIN);
        Actor.Account ann = Actor.of(s.stores.store().accounts().findUserByEmail("ann@example.test").orElseThrow().id(),
                Role.ADMIN);
        annId = ann.userId();
        token = s.auth.createToken(ann, "agent", TokenScope.WRITE).secret();
        slug = s.board().createProject(ann, new NewProject("Wire Board", null, "One model")).slug();
        Actor.Account bob = s.member("Bob");
        postId = s.board().createPost(bob, slug, new NewPost("Dark \"mode\"", "Line one\nünïcode 😀",
                PostCategory.FEATURE)).post().id();
        s.board().toggleVote(ann, postId);
        var first = s.board().addComment(bob, postId, new NewComment("First", null));
        s.board().addComment(ann, postId, new NewComment("A reply", first.comment().id()));
        s.board().editPost(ann, postId, PostEdit.status(PostStatus.PLANNED, "Planned for **Q3**"));
        mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder(s.base).endpoint("/mcp")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build())
                .requestTimeout(Duration.ofSeconds(20)).build();
        mcp.initialize();
    }

    @AfterEach
    void stop() {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        s.close();
    }

    private JsonNode rest(String path) {
        var r = s.req("GET", path).header("Authorization", "Bearer " + token).send();
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.json();
    }

    /** The tool's text content (our mapper's bytes) and its structured content (as the SDK decoded it) agree. */
    private JsonNode tool(String name, Map<String, Object> arguments) throws Exception {
        McpSchema.CallToolResult result = mcp.callTool(McpSchema.CallToolRequest.builder(name).arguments(arguments).build());
        assertThat(result.isError()).as(name).isNotEqualTo(Boolean.TRUE);
        JsonNode text = TestServer.MAPPER.readTree(((McpSchema.TextContent) result.content().get(0)).text());
        JsonNode structured = TestServer.MAPPER.valueToTree(result.structuredContent());
        assertThat(structured.toString()).isEqualTo(text.toString());
        return text;
    }

    @Test
    void a_post_is_the_same_json_from_rest_and_mcp() throws Exception {
        JsonNode rest = rest("/api/posts/" + postId).get("data");
        JsonNode mcp = tool("get_post", Map.of("id", postId)).get("post");
        assertThat(mcp.toString()).isEqualTo(rest.toString());
        assertThat(rest.get("user_voted").asBoolean()).as("the viewer's own vote").isTrue();
        assertThat(rest.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(rest.get("response").get("text").asText()).as("the official response").isEqualTo("Planned for **Q3**");
        assertThat(rest.get("response").get("author").get("id").asText()).as("its author").isEqualTo(annId);
    }

    @Test
    void a_timeline_is_the_same_json_from_rest_and_mcp() throws Exception {
        JsonNode rest = rest("/api/posts/" + postId + "/timeline");
        JsonNode mcp = tool("get_post_timeline", Map.of("id", postId));
        assertThat(mcp.get("entries").toString()).isEqualTo(rest.get("data").toString());
        assertThat(mcp.get("pagination").toString()).isEqualTo(rest.get("pagination").toString());
        assertThat(rest.get("data")).hasSize(3);
        // Found by type: entries written in the same millisecond are ordered by their random ids.
        JsonNode change = null;
        JsonNode comment = null;
        for (JsonNode e : rest.get("data")) {
            if (e.get("type").asText().equals("status_change")) {
                change = e;
            } else {
                comment = e;
            }
        }
        assertThat(change).isNotNull();
        assertThat(comment).isNotNull();
        assertThat(change.has("comment")).as("the key that does not apply is present").isTrue();
        assertThat(change.get("comment").isNull()).isTrue();
        assertThat(change.get("status_change").get("to").asText()).isEqualTo("planned");
        assertThat(change.get("status_change").get("response").asText()).isEqualTo("Planned for **Q3**");
        assertThat(comment.get("type").asText()).isEqualTo("comment");
        assertThat(comment.get("status_change").isNull()).isTrue();
    }

    @Test
    void a_project_is_the_same_json_from_rest_and_mcp() throws Exception {
        JsonNode rest = rest("/api/projects/" + slug).get("data");
        JsonNode mcp = tool("get_project", Map.of("slug", slug)).get("project");
        assertThat(mcp.toString()).isEqualTo(rest.toString());
        assertThat(rest.get("post_count").asInt()).isEqualTo(1);
    }

    @Test
    void a_comment_list_is_the_same_json_from_rest_and_mcp() throws Exception {
        JsonNode rest = rest("/api/posts/" + postId + "/comments");
        JsonNode mcp = tool("list_comments", Map.of("post_id", postId));
        assertThat(mcp.get("comments").toString()).isEqualTo(rest.get("data").toString());
        assertThat(mcp.get("pagination").toString()).isEqualTo(rest.get("pagination").toString());
        assertThat(rest.get("data")).hasSize(2);
        assertThat(rest.get("data").get(1).get("parent_id").asText()).isNotBlank();
    }

    @Test
    void a_post_list_and_the_roadmap_are_the_same_json_from_rest_and_mcp() throws Exception {
        JsonNode rest = rest("/api/projects/" + slug + "/posts");
        JsonNode mcp = tool("list_posts", Map.of("slug", slug));
        assertThat(mcp.get("posts").toString()).isEqualTo(rest.get("data").toString());
        assertThat(tool("get_roadmap", Map.of("slug", slug)).toString())
                .isEqualTo(rest("/api/projects/" + slug + "/roadmap").get("data").toString());
        assertThat(tool("get_stats", Map.of("slug", slug)).toString())
                .isEqualTo(rest("/api/projects/" + slug + "/stats").get("data").toString());
    }
}
