package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.PostStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tools/list and tools/call over stdio against a real store. */
class ToolsTest {
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

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Test
    void a_writing_agent_sees_every_tool_with_schemas_and_hints() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode tools = c.request("tools/list", null).path("result").path("tools");
            assertThat(names(tools)).containsExactlyInAnyOrder("list_projects", "get_project", "list_posts", "get_post",
                    "get_post_timeline",
                    "search_posts", "find_similar_posts", "list_comments", "get_roadmap", "get_changelog", "get_stats", "get_trending",
                    "list_attachments", "whoami", "create_post", "update_post", "update_post_status", "delete_post",
                    "vote_post", "subscribe_post", "unsubscribe_post", "add_comment", "delete_comment", "create_project",
                    "update_project", "delete_project", "merge_posts", "unmerge_post",
                    "list_pending_posts", "list_project_members",
                    "add_project_member", "remove_project_member", "hide_post", "restore_post", "hide_comment",
                    "restore_comment", "approve_post", "reject_post", "manage_status", "manage_category", "manage_tag",
                    "set_post_tags", "get_audit_log", "delete_user", "get_subscription", "get_notification_settings",
                    "list_users", "subscribe_project", "unsubscribe_project", "update_notification_settings",
                    "update_profile", "edit_comment", "update_user", "delete_attachment",
                    "list_webhooks", "create_webhook",
                    "update_webhook", "delete_webhook", "rotate_webhook_secret", "list_webhook_deliveries",
                    "send_webhook_test", "redeliver_webhook");
            for (JsonNode t : tools) {
                String name = t.path("name").asText();
                assertThat(t.path("description").asText()).as(name).hasSizeGreaterThan(20);
                assertThat(t.path("inputSchema").path("type").asText()).as(name).isEqualTo("object");
                assertThat(t.path("inputSchema").path("properties").isObject()).as(name).isTrue();
                assertThat(t.path("outputSchema").path("type").asText()).as(name).isEqualTo("object");
                assertThat(t.path("annotations").has("readOnlyHint")).as(name).isTrue();
                assertThat(t.path("annotations").has("destructiveHint")).as(name).isTrue();
                assertThat(t.path("annotations").has("idempotentHint")).as(name).isTrue();
            }
            Map<String, JsonNode> byName = new HashMap<>();
            tools.forEach(t -> byName.put(t.path("name").asText(), t));
            assertThat(byName.get("get_post").path("annotations").path("readOnlyHint").asBoolean()).isTrue();
            assertThat(byName.get("delete_post").path("annotations").path("destructiveHint").asBoolean()).isTrue();
            assertThat(byName.get("create_post").path("annotations").path("readOnlyHint").asBoolean()).isFalse();
            JsonNode listPosts = byName.get("list_posts").path("inputSchema");
            assertThat(listPosts.path("required").toString()).isEqualTo("[\"slug\"]");
            // Any status of the board: a slug, not a fixed list.
            assertThat(listPosts.path("properties").path("status").path("type").asText()).isEqualTo("string");
            assertThat(listPosts.path("properties").path("status").has("enum")).isFalse();
            assertThat(byName.get("manage_status").path("inputSchema").path("properties").path("kind").path("enum")
                    .toString()).isEqualTo("[\"open\",\"active\",\"done\",\"closed\"]");
            assertThat(byName.get("set_post_tags").path("inputSchema").path("properties").path("tags").path("type")
                    .asText()).isEqualTo("array");
            assertThat(listPosts.path("properties").path("per_page").path("maximum").asInt()).isEqualTo(100);
            assertThat(byName.get("create_post").path("inputSchema").path("properties").path("title").path("maxLength").asInt())
                    .isEqualTo(200);
        }
    }

    @Test
    void read_tools_return_rest_shaped_structured_content_and_its_json_text() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode result = c.call("list_posts", Map.of("slug", "demo", "sort", "oldest"));
            assertThat(result.path("isError").asBoolean()).isFalse();
            JsonNode structured = result.path("structuredContent");
            assertThat(structured.path("pagination").path("total").asInt()).isEqualTo(2);
            assertThat(structured.path("pagination").path("total_pages").asInt()).isEqualTo(1);
            JsonNode first = structured.path("posts").get(0);
            assertThat(first.path("title").asText()).isEqualTo("Dark mode");
            assertThat(first.path("project_id").isTextual()).isTrue();
            assertThat(first.path("comment_count").asInt()).isEqualTo(1);
            assertThat(first.path("status").asText()).isEqualTo("open");
            assertThat(first.path("category").asText()).isEqualTo("feature");
            assertThat(first.path("created_at").asText()).endsWith("Z");
            assertThat(first.has("done_at")).isTrue();
            assertThat(first.path("creator").path("name").asText()).isEqualTo("Ada Admin");
            assertThat(first.path("creator").has("email")).isFalse();
            assertThat(result.toString()).doesNotContain("@example.test");
            JsonNode text = StdioConversation.JSON.readTree(result.path("content").get(0).path("text").asText());
            assertThat(text).isEqualTo(structured);
        }
    }

    @Test
    void every_read_tool_answers() throws Exception {
        String postId = f.adminPost.post().id();
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            assertThat(c.call("list_projects", Map.of()).path("structuredContent").path("projects").get(0)
                    .path("post_count").asInt()).isEqualTo(2);
            assertThat(c.call("get_project", Map.of("slug", "demo")).path("structuredContent").path("project")
                    .path("name").asText()).isEqualTo("Demo App");
            JsonNode withComments = c.call("get_post", Map.of("id", postId, "include_comments", true)).path("structuredContent");
            assertThat(withComments.path("post").path("id").asText()).isEqualTo(postId);
            assertThat(withComments.path("comments").get(0).path("content").asText()).isEqualTo("Yes please");
            assertThat(withComments.path("comments").get(0).has("parent_id")).isTrue();
            JsonNode without = c.call("get_post", Map.of("id", postId)).path("structuredContent");
            assertThat(without.path("comments").isNull()).isTrue();
            assertThat(c.call("search_posts", Map.of("slug", "demo", "query", "dar")).path("structuredContent")
                    .path("posts").get(0).path("id").asText()).isEqualTo(postId);
            JsonNode similar = c.call("find_similar_posts", Map.of("slug", "demo", "text", "Please make the theme dark"))
                    .path("structuredContent").path("posts");
            assertThat(similar).hasSize(1);
            assertThat(similar.get(0).path("id").asText()).isEqualTo(postId);
            assertThat(c.call("find_similar_posts", Map.of("slug", "demo", "text", "please add 🚀"))
                    .path("structuredContent").path("posts")).isEmpty();
            assertThat(c.call("list_comments", Map.of("post_id", postId)).path("structuredContent")
                    .path("comments")).hasSize(1);
            JsonNode roadmap = c.call("get_roadmap", Map.of("slug", "demo", "limit", 5)).path("structuredContent");
            assertThat(roadmap.path("planned_total").asInt()).isZero();
            assertThat(roadmap.path("limit").asInt()).isEqualTo(5);
            assertThat(c.call("get_changelog", Map.of("slug", "demo", "since", "2020-01-01T00:00:00Z"))
                    .path("structuredContent").path("posts")).isEmpty();
            JsonNode stats = c.call("get_stats", Map.of("slug", "demo")).path("structuredContent");
            assertThat(stats.path("total_posts").asInt()).isEqualTo(2);
            assertThat(stats.path("by_status").path("open").asInt()).isEqualTo(2);
            assertThat(stats.path("by_category").path("bug").asInt()).isEqualTo(1);
            assertThat(stats.path("total_comments").asInt()).isEqualTo(1);
            assertThat(c.call("get_trending", Map.of("slug", "demo")).path("structuredContent").path("posts")).hasSize(2);
            assertThat(c.call("list_attachments", Map.of("post_id", postId)).path("structuredContent")
                    .path("attachments")).isEmpty();
            JsonNode me = c.call("whoami", Map.of()).path("structuredContent");
            assertThat(me.path("authenticated").asBoolean()).isTrue();
            assertThat(me.path("id").asText()).isEqualTo(f.agent.userId());
            assertThat(me.path("role").asText()).isEqualTo("member");
            assertThat(me.path("channel").asText()).isEqualTo("agent");
            assertThat(me.path("can_write").asBoolean()).isTrue();
        }
    }

    @Test
    void write_tools_go_through_the_board() throws Exception {
        try (var c = new StdioConversation(f.server(), f.adminAgent)) {
            c.initialize("2025-11-25");
            JsonNode project = c.call("create_project", Map.of("name", "Mobile App", "description", "Phones"))
                    .path("structuredContent").path("project");
            assertThat(project.path("slug").asText()).isEqualTo("mobile-app");
            assertThat(c.call("update_project", Map.of("slug", "mobile-app", "name", "Mobile"))
                    .path("structuredContent").path("project").path("name").asText()).isEqualTo("Mobile");

            JsonNode post = c.call("create_post", Map.of("slug", "mobile-app", "title", "Offline mode",
                    "category", "feature")).path("structuredContent").path("post");
            String id = post.path("id").asText();
            assertThat(post.path("status").asText()).isEqualTo("open");
            assertThat(c.call("update_post", Map.of("id", id, "description", "Works without network"))
                    .path("structuredContent").path("post").path("description").asText()).isEqualTo("Works without network");
            assertThat(c.call("update_post_status", Map.of("id", id, "status", "planned"))
                    .path("structuredContent").path("post").path("status").asText()).isEqualTo("planned");
            assertThat(f.stores.board().getPost(f.admin, id).post().status()).isEqualTo(PostStatus.PLANNED);
            JsonNode responded = c.call("update_post_status", Map.of("id", id, "status", "done",
                    "response", "Shipped in 2.3")).path("structuredContent").path("post");
            assertThat(responded.path("status").asText()).isEqualTo("done");
            assertThat(responded.path("response").path("text").asText()).isEqualTo("Shipped in 2.3");
            assertThat(responded.path("response").path("author").path("name").asText()).isEqualTo("Ada Admin");
            JsonNode timeline = c.call("get_post_timeline", Map.of("id", id, "per_page", 10)).path("structuredContent");
            assertThat(timeline.path("pagination").path("total").asInt()).isEqualTo(2);
            JsonNode last = timeline.path("entries").get(1);
            assertThat(last.path("type").asText()).isEqualTo("status_change");
            assertThat(last.path("comment").isNull()).isTrue();
            assertThat(last.path("status_change").path("from").asText()).isEqualTo("planned");
            assertThat(last.path("status_change").path("to").asText()).isEqualTo("done");
            assertThat(last.path("status_change").path("response").asText()).isEqualTo("Shipped in 2.3");

            JsonNode vote = c.call("vote_post", Map.of("id", id)).path("structuredContent");
            assertThat(vote.path("voted").asBoolean()).isTrue();
            assertThat(vote.path("vote_count").asInt()).isEqualTo(1);
            assertThat(c.call("vote_post", Map.of("id", id)).path("structuredContent").path("voted").asBoolean()).isFalse();
            assertThat(c.call("vote_post", Map.of("id", id, "voted", true)).path("structuredContent").path("vote_count").asInt()).isEqualTo(1);
            assertThat(c.call("vote_post", Map.of("id", id, "voted", true)).path("structuredContent").path("vote_count").asInt()).isEqualTo(1);

            assertThat(f.stores.board().isSubscribed(f.adminAgent, id)).as("the author follows the post").isTrue();
            assertThat(c.call("unsubscribe_post", Map.of("id", id)).path("structuredContent").path("subscribed").asBoolean()).isFalse();
            assertThat(f.stores.board().isSubscribed(f.adminAgent, id)).isFalse();
            assertThat(c.call("subscribe_post", Map.of("id", id)).path("structuredContent").path("subscribed").asBoolean()).isTrue();
            assertThat(f.stores.board().isSubscribed(f.adminAgent, id)).isTrue();

            JsonNode comment = c.call("add_comment", Map.of("post_id", id, "content", "On it"))
                    .path("structuredContent").path("comment");
            JsonNode reply = c.call("add_comment", Map.of("post_id", id, "content", "Thanks",
                    "parent_id", comment.path("id").asText())).path("structuredContent").path("comment");
            assertThat(reply.path("parent_id").asText()).isEqualTo(comment.path("id").asText());
            assertThat(c.call("delete_comment", Map.of("comment_id", comment.path("id").asText()))
                    .path("structuredContent").path("deleted").asBoolean()).isTrue();
            assertThat(f.stores.board().getPost(f.admin, id).post().commentCount()).isZero();

            assertThat(c.call("delete_post", Map.of("id", id)).path("isError").asBoolean()).isFalse();
            assertThat(c.call("get_post", Map.of("id", id)).path("isError").asBoolean()).isTrue();
            assertThat(c.call("delete_project", Map.of("slug", "mobile-app")).path("structuredContent")
                    .path("kind").asText()).isEqualTo("project");
        }
    }

    @Test
    void attachments_are_listed_with_the_rest_url_under_the_base_path() throws Exception {
        byte[] png = io.rungu.store.TestImages.png();
        var attachment = f.stores.board().addAttachment(f.admin, f.adminPost.post().id(),
                new io.rungu.model.NewAttachment("shot.png", "image/png", png));
        RunguMcpServer mounted = RunguMcpServer.create(f.stores.board(), cfg -> cfg.basePath = "/feedback");
        try (var c = new StdioConversation(mounted, f.agent)) {
            c.initialize("2025-11-25");
            JsonNode listed = c.call("list_attachments", Map.of("post_id", f.adminPost.post().id()))
                    .path("structuredContent").path("attachments").get(0);
            assertThat(listed.path("id").asText()).isEqualTo(attachment.id());
            assertThat(listed.path("mime").asText()).isEqualTo("image/png");
            assertThat(listed.path("url").asText()).isEqualTo("/feedback/api/attachments/" + attachment.id());
        }
    }

    @Test
    void a_domain_failure_is_a_tool_result_with_is_error_and_the_boards_message() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode missing = c.call("get_post", Map.of("id", "no-such-post"));
            assertThat(missing.path("isError").asBoolean()).isTrue();
            assertThat(missing.has("structuredContent")).isFalse();
            assertThat(missing.path("content").get(0).path("text").asText()).startsWith("Post not found").contains("not_found");

            JsonNode blank = c.call("create_post", Map.of("slug", "demo", "title", "   "));
            assertThat(blank.path("isError").asBoolean()).isTrue();
            assertThat(blank.path("content").get(0).path("text").asText()).contains("Title");

            JsonNode several = c.call("list_posts", Map.of("slug", "demo", "status", "open,planned",
                    "exclude_closed", true, "sort", "trending"));
            assertThat(several.path("isError").asBoolean()).as(several.toString()).isFalse();
            assertThat(several.path("structuredContent").path("pagination").path("total").asInt()).isEqualTo(2);
            JsonNode notMe = c.call("list_posts", Map.of("slug", "demo", "author", "you"));
            assertThat(notMe.path("isError").asBoolean()).isTrue();
            assertThat(notMe.path("content").get(0).path("text").asText()).contains("me");

            JsonNode badStatus = c.call("list_posts", Map.of("slug", "demo", "status", "shipped"));
            assertThat(badStatus.path("isError").asBoolean()).isTrue();
            assertThat(badStatus.path("content").get(0).path("text").asText()).contains("in_progress");
        }
    }

    @Test
    void argument_mistakes_come_back_as_tool_errors_the_agent_can_fix() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode missing = c.call("get_project", Map.of());
            assertThat(missing.path("isError").asBoolean()).isTrue();
            assertThat(missing.path("content").get(0).path("text").asText()).contains("Missing required argument 'slug'");

            JsonNode misspelt = c.call("get_project", Map.of("project_slug", "demo"));
            assertThat(misspelt.path("content").get(0).path("text").asText()).contains("Missing required argument 'slug'");
            JsonNode unknown = c.call("create_post", Map.of("slug", "demo", "title", "T", "status", "done"));
            assertThat(unknown.path("isError").asBoolean()).isTrue();
            assertThat(unknown.path("content").get(0).path("text").asText())
                    .startsWith("Unknown field 'status'; allowed: category, description, title (invalid)");

            JsonNode wrongType = c.call("list_posts", Map.of("slug", "demo", "page", "two"));
            assertThat(wrongType.path("isError").asBoolean()).isTrue();
            assertThat(wrongType.path("content").get(0).path("text").asText())
                    .isEqualTo("page must be between 1 and 10000 (invalid)");
            for (Object days : List.of(0, 1000, "abc", 1.5, "1000")) {
                JsonNode window = c.call("get_trending", Map.of("slug", "demo", "days", days));
                assertThat(window.path("isError").asBoolean()).as("days=" + days).isTrue();
                assertThat(window.path("content").get(0).path("text").asText()).as("days=" + days)
                        .isEqualTo("days must be between 1 and 365 (invalid)");
            }
            assertThat(c.call("get_roadmap", Map.of("slug", "demo", "limit", 51)).path("content").get(0).path("text")
                    .asText()).isEqualTo("limit must be between 1 and 50 (invalid)");
            assertThat(c.call("list_posts", Map.of("slug", "demo", "per_page", 500)).path("content").get(0).path("text")
                    .asText()).isEqualTo("per_page must be between 1 and 100 (invalid)");
            assertThat(c.call("get_changelog", Map.of("slug", "demo", "since", "yesterday")).path("content").get(0)
                    .path("text").asText()).startsWith("Invalid `since` timestamp; expected RFC 3339");

            assertThat(c.call("list_posts", Map.of("slug", "demo", "page", "1", "status", "")).path("isError").asBoolean())
                    .isFalse();
        }
    }

    @Test
    void an_unknown_tool_or_a_missing_name_is_invalid_params() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-11-25");
            JsonNode unknown = c.request("tools/call", Map.of("name", "drop_database", "arguments", Map.of()));
            assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32602);
            assertThat(unknown.path("error").path("message").asText()).contains("Unknown tool: drop_database");
            assertThat(c.request("tools/call", Map.of("arguments", Map.of())).path("error").path("code").asInt())
                    .isEqualTo(-32602);
            assertThat(c.request("tools/call", Map.of("name", "whoami", "arguments", List.of())).path("error")
                    .path("code").asInt()).isEqualTo(-32602);
        }
    }

    @Test
    void clients_on_2025_03_26_get_no_output_schemas_or_structured_content() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-03-26");
            JsonNode tools = c.request("tools/list", null).path("result").path("tools");
            tools.forEach(t -> assertThat(t.has("outputSchema")).isFalse());
            JsonNode result = c.call("get_project", Map.of("slug", "demo"));
            assertThat(result.has("structuredContent")).isFalse();
            assertThat(result.path("content").get(0).path("text").asText()).contains("\"slug\":\"demo\"");
        }
    }
}
