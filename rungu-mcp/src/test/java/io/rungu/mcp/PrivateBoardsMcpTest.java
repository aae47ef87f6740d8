package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.rungu.model.BoardVisibility;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.ProjectEdit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post on a {@code members} board through MCP, with the official SDK client over stdio: a signed-in outsider is
 * told "not found" by every tool and resource, exactly as for something that does not exist; a member sees it.
 */
class PrivateBoardsMcpTest {
    @TempDir
    static Path dir;
    static String outsiderId;
    static String memberId;
    static String postId;

    @BeforeAll
    static void a_members_board_with_a_shipped_post() {
        try (Fixture f = new Fixture(dir)) {
            var board = f.stores.board();
            board.createProject(f.admin, new NewProject("Secret", "secret", ""));
            postId = board.createPost(f.admin, "secret", new NewPost("Quantum dashboard", "", null)).post().id();
            board.editPost(f.admin, postId, PostEdit.status(PostStatus.DONE));
            board.updateProject(f.admin, "secret", new ProjectEdit(null, null, BoardVisibility.MEMBERS, null));
            memberId = f.member.userId();
            board.addProjectMember(f.admin, "secret", memberId);
            outsiderId = f.agent.userId();
        }
    }

    static McpSyncClient client(String userId) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "io.rungu.mcp.StdioTestMain", dir.resolve("rungu.db").toString(), userId, "member")
                .build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    static final Map<String, Map<String, Object>> BOARD_READS = Map.of(
            "get_project", Map.of("slug", "secret"),
            "list_posts", Map.of("slug", "secret"),
            "search_posts", Map.of("slug", "secret", "query", "quantum"),
            "find_similar_posts", Map.of("slug", "secret", "text", "quantum"),
            "get_roadmap", Map.of("slug", "secret"),
            "get_changelog", Map.of("slug", "secret"),
            "get_stats", Map.of("slug", "secret"),
            "get_trending", Map.of("slug", "secret"));

    @Test
    void an_outsider_is_told_not_found_by_every_tool_and_resource() {
        try (McpSyncClient client = client(outsiderId)) {
            BOARD_READS.forEach((tool, args) -> {
                var result = call(client, tool, args);
                assertThat(result.isError()).as(tool).isTrue();
                assertThat(text(result)).as(tool).contains("Project not found");
            });
            for (String tool : List.of("get_post", "get_post_timeline", "vote_post", "subscribe_post")) {
                var result = call(client, tool, Map.of("id", postId));
                assertThat(result.isError()).as(tool).isTrue();
                assertThat(text(result)).as(tool).contains("Post not found");
            }
            for (String tool : List.of("list_comments", "list_attachments")) {
                assertThat(text(call(client, tool, Map.of("post_id", postId)))).as(tool).contains("Post not found");
            }
            assertThat(text(call(client, "list_projects", Map.of()))).doesNotContain("secret");
            assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                    .doesNotContain("rungu://projects/secret");
            for (String uri : List.of("rungu://projects/secret", "rungu://posts/" + postId)) {
                org.junit.jupiter.api.Assertions.assertThrows(McpError.class,
                        () -> client.readResource(McpSchema.ReadResourceRequest.builder(uri).build()), uri);
            }
        }
    }

    @Test
    void a_member_sees_the_board_through_every_tool() {
        try (McpSyncClient client = client(memberId)) {
            BOARD_READS.forEach((tool, args) -> assertThat(call(client, tool, args).isError()).as(tool).isFalse());
            assertThat(text(call(client, "get_post", Map.of("id", postId)))).contains("Quantum dashboard");
            assertThat(text(call(client, "get_changelog", Map.of("slug", "secret")))).contains("Quantum dashboard");
            assertThat(client.readResource(McpSchema.ReadResourceRequest.builder("rungu://posts/" + postId).build())
                    .contents()).hasSize(1);
        }
    }
}
