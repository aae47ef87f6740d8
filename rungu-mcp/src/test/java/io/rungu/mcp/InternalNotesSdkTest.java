package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.rungu.model.NewComment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Internal notes (issue 13) through the official MCP SDK client: a member's agent never sees them. */
class InternalNotesSdkTest {
    @TempDir
    Path dir;

    @Test
    void a_members_agent_sees_no_internal_note_and_cannot_write_one() {
        String memberId;
        String postId;
        try (Fixture f = new Fixture(dir)) {
            memberId = f.member.userId();
            postId = f.adminPost.post().id();
            f.stores.board().addComment(f.admin, postId, new NewComment("Secret triage note", null, true));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "io.rungu.mcp.StdioTestMain", dir.resolve("rungu.db").toString(), memberId, "member")
                .build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            String comments = text(client, "list_comments", Map.of("post_id", postId));
            assertThat(comments).contains("Yes please").doesNotContain("Secret triage note");
            assertThat(text(client, "get_post", Map.of("id", postId, "include_comments", true)))
                    .doesNotContain("Secret triage note").contains("\"comment_count\":1");
            assertThat(text(client, "get_post_timeline", Map.of("id", postId))).doesNotContain("Secret triage note");

            McpSchema.CallToolResult refused = client.callTool(McpSchema.CallToolRequest.builder("add_comment")
                    .arguments(Map.of("post_id", postId, "content", "sneaky", "internal", true)).build());
            assertThat(refused.isError()).isTrue();
            assertThat(((McpSchema.TextContent) refused.content().get(0)).text())
                    .contains("Only admins can add internal notes");
        }
    }

    private static String text(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        assertThat(result.isError()).as(tool).isNotEqualTo(Boolean.TRUE);
        List<McpSchema.Content> content = result.content();
        return ((McpSchema.TextContent) content.get(0)).text();
    }
}
