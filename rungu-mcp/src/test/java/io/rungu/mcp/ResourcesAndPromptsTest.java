package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.NewComment;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boards and posts as Markdown resources; the triage and summary prompts. */
class ResourcesAndPromptsTest {
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

    @Test
    void resources_list_pages_through_every_board_with_a_cursor() throws Exception {
        for (int i = 0; i < 60; i++) {
            f.stores.board().createProject(f.admin, new NewProject("Board " + i, null, ""));
        }
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            Set<String> uris = new HashSet<>();
            JsonNode page = c.request("resources/list", null).path("result");
            assertThat(page.path("resources")).hasSize(50);
            page.path("resources").forEach(r -> uris.add(r.path("uri").asText()));
            String cursor = page.path("nextCursor").asText();
            JsonNode second = c.request("resources/list", Map.of("cursor", cursor)).path("result");
            second.path("resources").forEach(r -> uris.add(r.path("uri").asText()));
            assertThat(second.has("nextCursor")).isFalse();
            assertThat(uris).hasSize(61).contains("rungu://projects/demo", "rungu://projects/board-59");
            JsonNode first = page.path("resources").get(0);
            assertThat(first.path("mimeType").asText()).isEqualTo("text/markdown");
            assertThat(first.path("name").asText()).isNotBlank();

            assertThat(c.request("resources/list", Map.of("cursor", "bogus")).path("error").path("code").asInt())
                    .isEqualTo(-32602);
        }
    }

    @Test
    void resource_templates_name_boards_and_posts() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode templates = c.request("resources/templates/list", null).path("result").path("resourceTemplates");
            assertThat(templates.toString()).contains("rungu://projects/{slug}").contains("rungu://posts/{id}");
        }
    }

    @Test
    void a_board_reads_as_markdown_with_counts_and_top_posts() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode contents = c.request("resources/read", Map.of("uri", "rungu://projects/demo"))
                    .path("result").path("contents").get(0);
            assertThat(contents.path("uri").asText()).isEqualTo("rungu://projects/demo");
            assertThat(contents.path("mimeType").asText()).isEqualTo("text/markdown");
            assertThat(contents.path("text").asText()).startsWith("# Demo App").contains("Feedback for the demo app")
                    .contains("Dark mode").contains("Posts: 2").contains("## Roadmap");
        }
    }

    @Test
    void a_post_reads_as_markdown_with_its_thread() throws Exception {
        String id = f.adminPost.post().id();
        var parent = f.stores.board().listComments(f.admin, id, io.rungu.model.PageRequest.FIRST).items().get(0);
        f.stores.board().addComment(f.admin, id, new NewComment("Planned for May", parent.comment().id()));
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            String text = c.request("resources/read", Map.of("uri", "rungu://posts/" + id))
                    .path("result").path("contents").get(0).path("text").asText();
            assertThat(text).startsWith("# Dark mode").contains("Please add a dark theme").contains("Status: open")
                    .contains("- **Mo Member**").contains("  - **Ada Admin**").contains("Planned for May");
            assertThat(text).doesNotContain("@example.test");
        }
    }

    @Test
    void an_unknown_resource_is_resource_not_found() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            for (String uri : new String[] {"rungu://projects/nope", "rungu://posts/nope", "https://example.com/x",
                    "rungu://posts/a/b"}) {
                JsonNode error = c.request("resources/read", Map.of("uri", uri)).path("error");
                assertThat(error.path("code").asInt()).as(uri).isEqualTo(-32002);
                assertThat(error.path("data").path("uri").asText()).isEqualTo(uri);
            }
            assertThat(c.request("resources/read", Map.of()).path("error").path("code").asInt()).isEqualTo(-32602);
        }
    }

    @Test
    void prompts_are_listed_with_their_arguments() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode prompts = c.request("prompts/list", null).path("result").path("prompts");
            assertThat(prompts.toString()).contains("triage_board").contains("summarize_feedback");
            JsonNode triage = prompts.get(0);
            assertThat(triage.path("arguments").get(0).path("name").asText()).isEqualTo("slug");
            assertThat(triage.path("arguments").get(0).path("required").asBoolean()).isTrue();
        }
    }

    @Test
    void triage_board_puts_the_open_posts_in_front_of_the_agent() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode result = c.request("prompts/get", Map.of("name", "triage_board", "arguments", Map.of("slug", "demo")))
                    .path("result");
            JsonNode message = result.path("messages").get(0);
            assertThat(message.path("role").asText()).isEqualTo("user");
            assertThat(message.path("content").path("type").asText()).isEqualTo("text");
            assertThat(message.path("content").path("text").asText()).contains("Dark mode").contains("Crash on start")
                    .contains(f.adminPost.post().id()).contains("duplicates").contains("update_post_status");
        }
    }

    @Test
    void summarize_feedback_can_filter_by_status_and_category() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            String text = c.request("prompts/get", Map.of("name", "summarize_feedback",
                            "arguments", Map.of("slug", "demo", "category", "bug")))
                    .path("result").path("messages").get(0).path("content").path("text").asText();
            assertThat(text).contains("Crash on start").doesNotContain("Dark mode").contains("category bug");
        }
    }

    @Test
    void the_triage_prompts_find_duplicates_draft_a_response_and_summarise_the_week() throws Exception {
        f.stores.board().createPost(f.member, "demo", new io.rungu.model.NewPost("Dark theme please", "", null));
        f.stores.board().editPost(f.admin, f.agentPost.post().id(), io.rungu.model.PostEdit.status(
                io.rungu.model.PostStatus.parse("done"), "Fixed in 1.2"));
        // The week is counted on the MCP server's clock: the store's test clock here.
        RunguMcpServer server = RunguMcpServer.create(f.stores.board(), cfg -> cfg.clock = f.stores.clock());
        try (var c = new StdioConversation(server, f.agent)) {
            c.initialize("2025-11-25");
            String duplicates = prompt(c, "find_duplicates", Map.of("slug", "demo"));
            assertThat(duplicates).contains("Dark mode", "Dark theme please", "merge_posts", "find_similar_posts");
            String draft = prompt(c, "draft_response", Map.of("id", f.adminPost.post().id(), "status", "planned"));
            assertThat(draft).contains("Please add a dark theme", "Yes please", "update_post_status", "status planned");
            String week = prompt(c, "weekly_changes", Map.of("slug", "demo"));
            assertThat(week).contains("Dark theme please").contains("Crash on start").contains("get_audit_log");
            assertThat(week.substring(week.indexOf("Posts that shipped"))).contains("Crash on start")
                    .doesNotContain("Dark theme please");
            assertThat(c.request("prompts/get", Map.of("name", "draft_response", "arguments", Map.of("id", "nope")))
                    .path("error").path("code").asInt()).isEqualTo(-32602);
        }
    }

    private static String prompt(StdioConversation c, String name, Map<String, String> arguments) {
        return c.request("prompts/get", Map.of("name", name, "arguments", arguments)).path("result").path("messages")
                .get(0).path("content").path("text").asText();
    }

    @Test
    void prompt_mistakes_are_invalid_params() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            assertThat(c.request("prompts/get", Map.of("name", "triage_board")).path("error").path("code").asInt())
                    .isEqualTo(-32602);
            JsonNode unknownBoard = c.request("prompts/get", Map.of("name", "triage_board",
                    "arguments", Map.of("slug", "nope"))).path("error");
            assertThat(unknownBoard.path("code").asInt()).isEqualTo(-32602);
            assertThat(unknownBoard.path("message").asText()).contains("Project not found");
            assertThat(c.request("prompts/get", Map.of("name", "summarize_feedback",
                    "arguments", Map.of("slug", "demo", "status", "shipped"))).path("error").path("code").asInt())
                    .isEqualTo(-32602);
            assertThat(c.request("prompts/get", Map.of("name", "write_poem")).path("error").path("code").asInt())
                    .isEqualTo(-32602);
        }
    }
}
