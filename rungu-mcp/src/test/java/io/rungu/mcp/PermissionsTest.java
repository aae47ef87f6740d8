package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.PostStatus;
import io.rungu.store.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import io.rungu.model.RunguException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents meet the Board's permissions; read-only servers and credentials see and run only read tools. */
class PermissionsTest {
    static final List<String> READ_TOOLS = List.of("list_projects", "get_project", "list_posts", "get_post",
            "search_posts", "find_similar_posts", "list_comments", "get_roadmap", "get_changelog", "get_stats", "get_trending", "get_post_timeline",
            "list_attachments", "whoami", "list_pending_posts", "list_project_members",
            "get_audit_log", "get_subscription", "get_notification_settings", "list_users", "list_webhooks",
            "list_webhook_deliveries");

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void open() {
        f = new Fixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static List<String> toolNames(StdioConversation c) {
        List<String> names = new ArrayList<>();
        c.request("tools/list", null).path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static String errorText(JsonNode result) {
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
        return result.path("content").get(0).path("text").asText();
    }

    @Test
    void a_member_agent_cannot_change_a_status() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            String text = errorText(c.call("update_post_status", Map.of("id", f.agentPost.post().id(), "status", "done")));
            assertThat(text).contains("forbidden");
        }
        assertThat(f.stores.board().getPost(f.admin, f.agentPost.post().id()).post().status()).isEqualTo(PostStatus.OPEN);
    }

    @Test
    void a_member_agent_cannot_read_the_audit_log() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            assertThat(errorText(c.call("get_audit_log", Map.of()))).isEqualTo("Admin access required (forbidden)");
        }
    }

    @Test
    void a_member_agent_cannot_give_an_official_response() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            String text = errorText(c.call("update_post_status", Map.of("id", f.agentPost.post().id(), "status", "open",
                    "response", "Fixed it myself")));
            assertThat(text).contains("Only admins can give an official response");
        }
        assertThat(f.stores.board().getPost(f.admin, f.agentPost.post().id()).response()).isNull();
    }

    @Test
    void a_member_agent_cannot_delete_or_edit_someone_elses_post_but_can_its_own() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            assertThat(errorText(c.call("delete_post", Map.of("id", f.adminPost.post().id())))).contains("forbidden");
            assertThat(errorText(c.call("update_post", Map.of("id", f.adminPost.post().id(), "title", "Mine now"))))
                    .contains("forbidden");
            assertThat(errorText(c.call("create_project", Map.of("name", "Agent board")))).contains("forbidden");
            assertThat(c.call("update_post", Map.of("id", f.agentPost.post().id(), "title", "Crash on launch"))
                    .path("isError").asBoolean()).isFalse();
            assertThat(c.call("delete_post", Map.of("id", f.agentPost.post().id())).path("isError").asBoolean()).isFalse();
        }
        assertThat(f.stores.board().getPost(f.admin, f.adminPost.post().id()).post().title()).isEqualTo("Dark mode");
    }

    @Test
    void a_read_only_server_lists_no_write_tools_and_refuses_them() throws Exception {
        RunguMcpServer readOnly = RunguMcpServer.create(f.stores.board(), cfg -> cfg.readOnly = true);
        try (var c = new StdioConversation(readOnly, f.adminAgent)) {
            JsonNode init = c.initialize("2025-11-25");
            assertThat(init.path("instructions").asText()).contains("read-only");
            assertThat(toolNames(c)).containsExactlyInAnyOrderElementsOf(READ_TOOLS);
            JsonNode refused = c.call("delete_post", Map.of("id", f.adminPost.post().id()));
            assertThat(errorText(refused)).isEqualTo("This MCP server is read-only; only read tools are available "
                    + "(forbidden)");
            assertThat(c.call("whoami", Map.of()).path("structuredContent").path("can_write").asBoolean()).isFalse();
        }
        assertThat(f.stores.board().getPost(f.admin, f.adminPost.post().id())).isNotNull();
    }

    @Test
    void a_read_scoped_token_sees_only_read_tools_and_a_write_tool_answers_the_boards_read_only_refusal()
            throws Exception {
        Actor.Account readToken = TestStores.readOnly(f.admin);
        try (var c = new StdioConversation(f.server(), readToken)) {
            c.initialize("2025-11-25");
            assertThat(toolNames(c)).containsExactlyInAnyOrderElementsOf(READ_TOOLS);
            // not a protocol fault: a tool result with isError and the same message REST and the Board give
            JsonNode refused = c.call("vote_post", Map.of("id", f.adminPost.post().id()));
            assertThat(refused.has("error")).isFalse();
            assertThat(errorText(refused)).isEqualTo(RunguException.READ_ONLY_MESSAGE + " (forbidden)");
        }
        assertThat(f.stores.board().getPost(f.admin, f.adminPost.post().id()).post().voteCount()).isZero();
    }

    @Test
    void an_anonymous_actor_only_reads() throws Exception {
        try (var c = new StdioConversation(f.server(), Actor.anonymous())) {
            c.initialize("2025-11-25");
            assertThat(toolNames(c)).containsExactlyInAnyOrderElementsOf(READ_TOOLS);
            assertThat(c.call("whoami", Map.of()).path("structuredContent").path("authenticated").asBoolean()).isFalse();
            assertThat(c.call("list_posts", Map.of("slug", "demo")).path("structuredContent").path("posts")).hasSize(2);
        }
    }

    @Test
    void voted_state_is_the_agents_own() throws Exception {
        f.stores.board().toggleVote(f.member, f.adminPost.post().id());
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode post = c.call("get_post", Map.of("id", f.adminPost.post().id())).path("structuredContent").path("post");
            assertThat(post.path("vote_count").asInt()).isEqualTo(1);
            assertThat(post.path("user_voted").asBoolean()).isFalse();
        }
    }
}
