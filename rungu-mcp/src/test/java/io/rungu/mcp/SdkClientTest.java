package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official MCP Java SDK client drives the server as a separate process over stdio. */
class SdkClientTest {
    @TempDir
    Path dir;

    @Test
    void the_official_sdk_client_initializes_lists_and_calls_every_tool_reads_a_resource_and_gets_a_prompt() {
        String adminId;
        String postId;
        String memberId;
        String attachmentId;
        List<String> waiting = new ArrayList<>();
        try (Fixture f = new Fixture(dir)) {
            adminId = f.admin.userId();
            memberId = f.member.userId();
            postId = f.adminPost.post().id();
            var board = f.stores.board();
            attachmentId = board.addAttachment(f.admin, postId, new io.rungu.model.NewAttachment("shot.png",
                    "image/png", io.rungu.store.TestImages.png())).id();
            board.createProject(f.admin, new io.rungu.model.NewProject("Queue", "queue", ""));
            board.updateProject(f.admin, "queue", new io.rungu.model.ProjectEdit(null, null, null,
                    io.rungu.model.Moderation.NEW_POSTS));
            for (String title : List.of("Waiting one", "Waiting two")) {
                waiting.add(board.createPost(f.member, "queue", new io.rungu.model.NewPost(title, "", null)).post().id());
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "io.rungu.mcp.StdioTestMain", dir.resolve("rungu.db").toString(), adminId, "admin")
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);
        JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();

        try (McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("rungu-sdk-test", "1.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .enableCallToolSchemaCaching(true) // the client validates every structuredContent against its outputSchema
                .build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("rungu");
            assertThat(init.serverInfo().version()).isEqualTo("sdk-test");
            assertThat(init.protocolVersion()).isIn(RunguMcpServer.PROTOCOL_VERSIONS);
            assertThat(init.capabilities().tools()).isNotNull();
            assertThat(init.capabilities().resources()).isNotNull();
            assertThat(init.capabilities().prompts()).isNotNull();
            assertThat(init.instructions()).contains("list_projects");
            client.ping();

            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).hasSize(62);
            for (McpSchema.Tool tool : tools) {
                assertThat(tool.inputSchema().get("type")).as(tool.name()).isEqualTo("object");
                assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
                assertThat(tool.outputSchema().get("type")).as(tool.name()).isEqualTo("object");
                assertThat(tool.annotations()).as(tool.name()).isNotNull();
                assertThat(tool.description()).as(tool.name()).isNotBlank();
            }
            Map<String, McpSchema.Tool> byName = tools.stream()
                    .collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
            // the validator is live: an empty object misses the required fields
            assertThat(validator.validate(byName.get("get_project").outputSchema(), Map.of()).valid()).isFalse();

            // One call per tool, in an order where each write has something to act on.
            Map<String, Map<String, Object>> reads = new LinkedHashMap<>();
            reads.put("list_projects", Map.of("per_page", 10));
            reads.put("get_project", Map.of("slug", "demo"));
            reads.put("list_posts", Map.of("slug", "demo", "sort", "most_votes", "status", "open", "category", "feature",
                    "query", "dark", "page", 1, "per_page", 5));
            reads.put("get_post", Map.of("id", postId, "include_comments", true));
            reads.put("search_posts", Map.of("slug", "demo", "query", "crash"));
            reads.put("find_similar_posts", Map.of("slug", "demo", "text", "Crashes on startup", "limit", 3));
            reads.put("list_comments", Map.of("post_id", postId));
            reads.put("get_roadmap", Map.of("slug", "demo", "limit", 3));
            reads.put("get_changelog", Map.of("slug", "demo", "since", "2020-01-01T00:00:00Z"));
            reads.put("get_stats", Map.of("slug", "demo"));
            reads.put("get_trending", Map.of("slug", "demo", "days", 30, "limit", 5));
            reads.put("list_attachments", Map.of("post_id", postId));
            reads.put("whoami", Map.of());
            Set<String> called = new TreeSet<>();
            for (var call : reads.entrySet()) {
                call(client, validator, byName, call.getKey(), call.getValue());
                called.add(call.getKey());
            }

            call(client, validator, byName, "create_project", Map.of("name", "SDK Board", "description", "from the SDK"));
            Map<?, ?> created = (Map<?, ?>) call(client, validator, byName, "create_post",
                    Map.of("slug", "sdk-board", "title", "SDK post", "description", "body", "category", "question"))
                    .structuredContent();
            String newPost = (String) ((Map<?, ?>) created.get("post")).get("id");
            call(client, validator, byName, "update_post", Map.of("id", newPost, "title", "SDK post, edited"));
            call(client, validator, byName, "update_post_status", Map.of("id", newPost, "status", "done",
                    "response", "Shipped in 2.3"));
            // A board's own statuses, categories and tags (issue 13).
            Map<?, ?> beta = (Map<?, ?>) call(client, validator, byName, "manage_status", Map.of("project", "sdk-board",
                    "action", "create", "slug", "shipped-beta", "name", "Shipped (beta)", "kind", "active",
                    "color", "#8b5cf6")).structuredContent();
            assertThat(((Map<?, ?>) beta.get("status")).get("kind")).isEqualTo("active");
            call(client, validator, byName, "manage_status", Map.of("project", "sdk-board", "action", "update",
                    "slug", "shipped-beta", "position", 2));
            String betaPost = (String) ((Map<?, ?>) ((Map<?, ?>) call(client, validator, byName, "create_post",
                    Map.of("slug", "sdk-board", "title", "Beta post")).structuredContent()).get("post")).get("id");
            call(client, validator, byName, "update_post_status", Map.of("id", betaPost, "status", "shipped-beta"));
            Map<?, ?> roadmap = (Map<?, ?>) call(client, validator, byName, "get_roadmap",
                    Map.of("slug", "sdk-board")).structuredContent();
            Map<?, ?> firstColumn = (Map<?, ?>) ((List<?>) roadmap.get("columns")).get(0);
            assertThat(((Map<?, ?>) firstColumn.get("status")).get("slug")).isEqualTo("shipped-beta");
            assertThat((List<?>) firstColumn.get("posts")).hasSize(1);
            call(client, validator, byName, "manage_status", Map.of("project", "sdk-board", "action", "delete",
                    "slug", "shipped-beta", "move_to", "planned"));
            Map<?, ?> moved = (Map<?, ?>) call(client, validator, byName, "get_post", Map.of("id", betaPost))
                    .structuredContent();
            assertThat(((Map<?, ?>) moved.get("post")).get("status")).isEqualTo("planned");
            call(client, validator, byName, "manage_category", Map.of("project", "sdk-board", "action", "create",
                    "name", "Idea"));
            call(client, validator, byName, "manage_category", Map.of("project", "sdk-board", "action", "update",
                    "slug", "idea", "name", "Ideas", "position", 1));
            call(client, validator, byName, "manage_category", Map.of("project", "sdk-board", "action", "delete",
                    "slug", "idea"));
            call(client, validator, byName, "manage_tag", Map.of("project", "sdk-board", "action", "create",
                    "name", "Mobile", "color", "#123456"));
            call(client, validator, byName, "manage_tag", Map.of("project", "sdk-board", "action", "update",
                    "slug", "mobile", "name", "Mobile apps"));
            Map<?, ?> tagged = (Map<?, ?>) call(client, validator, byName, "set_post_tags",
                    Map.of("id", betaPost, "tags", List.of("mobile"))).structuredContent();
            assertThat(((Map<?, ?>) tagged.get("post")).get("tags")).isEqualTo(List.of("mobile"));
            Map<?, ?> byTag = (Map<?, ?>) call(client, validator, byName, "list_posts",
                    Map.of("slug", "sdk-board", "tag", "mobile")).structuredContent();
            assertThat((List<?>) byTag.get("posts")).hasSize(1);
            call(client, validator, byName, "manage_tag", Map.of("project", "sdk-board", "action", "delete",
                    "slug", "mobile"));
            McpSchema.CallToolResult memberOnly = client.callTool(McpSchema.CallToolRequest.builder("manage_status")
                    .arguments(Map.of("project", "sdk-board", "action", "delete", "slug", "open")).build());
            assertThat(memberOnly.isError()).isTrue();
            assertThat(((McpSchema.TextContent) memberOnly.content().get(0)).text())
                    .contains("at least one status of kind open");
            call(client, validator, byName, "add_comment", Map.of("post_id", newPost, "content", "Thanks!"));
            Map<?, ?> timeline = (Map<?, ?>) call(client, validator, byName, "get_post_timeline",
                    Map.of("id", newPost)).structuredContent();
            assertThat((List<?>) timeline.get("entries")).hasSize(2);
            call(client, validator, byName, "vote_post", Map.of("id", newPost));
            call(client, validator, byName, "unsubscribe_post", Map.of("id", newPost));
            call(client, validator, byName, "subscribe_post", Map.of("id", newPost));
            Map<?, ?> comment = (Map<?, ?>) call(client, validator, byName, "add_comment",
                    Map.of("post_id", newPost, "content", "Shipped")).structuredContent();
            String commentId = (String) ((Map<?, ?>) comment.get("comment")).get("id");
            call(client, validator, byName, "hide_comment", Map.of("comment_id", commentId));
            call(client, validator, byName, "restore_comment", Map.of("comment_id", commentId));
            call(client, validator, byName, "hide_post", Map.of("id", newPost));
            call(client, validator, byName, "restore_post", Map.of("id", newPost));
            call(client, validator, byName, "list_pending_posts", Map.of("slug", "queue"));
            call(client, validator, byName, "approve_post", Map.of("id", waiting.get(0)));
            call(client, validator, byName, "reject_post", Map.of("id", waiting.get(1)));
            call(client, validator, byName, "delete_comment", Map.of("comment_id", commentId));
            Map<?, ?> dup = (Map<?, ?>) call(client, validator, byName, "create_post",
                    Map.of("slug", "sdk-board", "title", "SDK duplicate")).structuredContent();
            String dupId = (String) ((Map<?, ?>) dup.get("post")).get("id");
            Map<?, ?> merged = (Map<?, ?>) call(client, validator, byName, "merge_posts",
                    Map.of("id", dupId, "into", newPost)).structuredContent();
            assertThat(((Map<?, ?>) merged.get("post")).get("id")).isEqualTo(newPost);
            Map<?, ?> unmerged = (Map<?, ?>) call(client, validator, byName, "unmerge_post", Map.of("id", dupId))
                    .structuredContent();
            assertThat(((Map<?, ?>) unmerged.get("post")).get("merged_into")).isNull();
            call(client, validator, byName, "delete_post", Map.of("id", newPost));
            call(client, validator, byName, "update_project", Map.of("slug", "sdk-board", "name", "SDK Board 2",
                    "visibility", "members", "moderation", "new_posts"));
            call(client, validator, byName, "add_project_member", Map.of("slug", "sdk-board", "user", memberId));
            call(client, validator, byName, "list_project_members", Map.of("slug", "sdk-board"));
            call(client, validator, byName, "remove_project_member", Map.of("slug", "sdk-board", "user", memberId));
            call(client, validator, byName, "delete_project", Map.of("slug", "sdk-board"));
            // Webhooks: an IP-literal public URL needs no DNS, and no sender runs here, so nothing leaves the machine.
            Map<?, ?> hook = (Map<?, ?>) ((Map<?, ?>) call(client, validator, byName, "create_webhook", Map.of("url",
                    "https://93.184.216.34/hook", "events", List.of("post.created"))).structuredContent()).get("webhook");
            assertThat((String) hook.get("secret")).startsWith("whsec_");
            String hookId = (String) hook.get("id");
            assertThat((List<?>) ((Map<?, ?>) call(client, validator, byName, "list_webhooks", Map.of())
                    .structuredContent()).get("webhooks")).hasSize(1);
            call(client, validator, byName, "update_webhook", Map.of("id", hookId, "enabled", false));
            call(client, validator, byName, "rotate_webhook_secret", Map.of("id", hookId));
            call(client, validator, byName, "send_webhook_test", Map.of("id", hookId));
            call(client, validator, byName, "list_webhook_deliveries", Map.of("id", hookId));
            assertThat(client.callTool(McpSchema.CallToolRequest.builder("redeliver_webhook")
                    .arguments(Map.of("id", hookId, "delivery_id", "999999")).build()).isError())
                    .as("no such delivery").isTrue();
            call(client, validator, byName, "delete_webhook", Map.of("id", hookId));
            called.addAll(List.of("create_webhook", "list_webhooks", "update_webhook", "rotate_webhook_secret",
                    "send_webhook_test", "list_webhook_deliveries", "redeliver_webhook", "delete_webhook"));
            // The audit log names the channel and the SDK client (from its initialize clientInfo).
            Map<?, ?> audit = (Map<?, ?>) call(client, validator, byName, "get_audit_log", Map.of("action",
                    "post.edited", "since", "1h", "page", 1, "per_page", 5)).structuredContent();
            Map<?, ?> edit = (Map<?, ?>) ((List<?>) audit.get("entries")).get(0);
            assertThat(edit.get("channel")).isEqualTo("mcp_stdio");
            assertThat(edit.get("client")).isEqualTo("rungu-sdk-test");
            assertThat(((Map<?, ?>) edit.get("actor")).get("id")).isEqualTo(adminId);
            assertThat(edit.get("changes")).isEqualTo(Map.of("title",
                    Map.of("before", "SDK post", "after", "SDK post, edited")));
            // Subscriptions, email settings, the profile, users, comment edits and attachments (issue 20).
            Map<?, ?> follows = (Map<?, ?>) call(client, validator, byName, "get_subscription",
                    Map.of("id", postId)).structuredContent();
            assertThat(follows.get("subscribed")).isEqualTo(true);
            call(client, validator, byName, "subscribe_project", Map.of("slug", "demo"));
            assertThat(((Map<?, ?>) call(client, validator, byName, "get_subscription", Map.of("slug", "demo"))
                    .structuredContent()).get("subscribed")).isEqualTo(true);
            call(client, validator, byName, "unsubscribe_project", Map.of("slug", "demo"));
            call(client, validator, byName, "get_notification_settings", Map.of());
            Map<?, ?> settings = (Map<?, ?>) call(client, validator, byName, "update_notification_settings",
                    Map.of("comments", false)).structuredContent();
            assertThat(((Map<?, ?>) settings.get("settings")).get("comments")).isEqualTo(false);
            call(client, validator, byName, "update_profile", Map.of("name", "Ada A."));
            Map<?, ?> users = (Map<?, ?>) call(client, validator, byName, "list_users", Map.of("per_page", 50))
                    .structuredContent();
            assertThat(users.toString()).doesNotContain("@");
            Map<?, ?> found = (Map<?, ?>) call(client, validator, byName, "list_users", Map.of("query", "ADA a."))
                    .structuredContent();
            assertThat(((List<?>) found.get("users")).stream()
                    .map(u -> String.valueOf(((Map<?, ?>) u).get("name"))).toList()).containsExactly("Ada A.");
            Map<?, ?> blocked = (Map<?, ?>) call(client, validator, byName, "update_user",
                    Map.of("user_id", memberId, "blocked", true)).structuredContent();
            assertThat(((Map<?, ?>) blocked.get("user")).get("blocked")).isEqualTo(true);
            String noteId = (String) ((Map<?, ?>) ((Map<?, ?>) call(client, validator, byName, "add_comment",
                    Map.of("post_id", postId, "content", "First thought")).structuredContent()).get("comment")).get("id");
            Map<?, ?> edited = (Map<?, ?>) call(client, validator, byName, "edit_comment",
                    Map.of("comment_id", noteId, "content", "Second thought")).structuredContent();
            assertThat(((Map<?, ?>) edited.get("comment")).get("content")).isEqualTo("Second thought");
            call(client, validator, byName, "delete_attachment", Map.of("attachment_id", attachmentId));
            called.addAll(List.of("get_subscription", "subscribe_project", "unsubscribe_project",
                    "get_notification_settings", "update_notification_settings", "update_profile", "list_users",
                    "update_user", "edit_comment", "delete_attachment"));
            Map<?, ?> erased = (Map<?, ?>) call(client, validator, byName, "delete_user", Map.of("user_id", memberId))
                    .structuredContent();
            assertThat(erased.get("deleted")).isEqualTo(true);
            McpSchema.CallToolResult lastAdmin = client.callTool(McpSchema.CallToolRequest.builder("delete_user")
                    .arguments(Map.of("user_id", adminId)).build());
            assertThat(lastAdmin.isError()).as("the REST rule: never the last admin").isTrue();
            called.addAll(List.of("manage_status", "manage_category", "manage_tag", "set_post_tags", "get_audit_log"));
            called.addAll(List.of("delete_user", "create_project", "create_post", "update_post", "update_post_status", "get_post_timeline",
                    "vote_post", "unsubscribe_post", "subscribe_post",
                    "add_comment", "delete_comment", "delete_post", "update_project", "delete_project", "merge_posts",
                    "unmerge_post",
                    "hide_comment", "restore_comment", "hide_post", "restore_post", "list_pending_posts", "approve_post",
                    "reject_post", "add_project_member", "list_project_members", "remove_project_member"));
            assertThat(called).containsExactlyInAnyOrderElementsOf(byName.keySet());

            McpSchema.CallToolResult failed = client.callTool(McpSchema.CallToolRequest.builder("get_post").arguments(Map.of("id", "nope")).build());
            assertThat(failed.isError()).isTrue();
            assertThat(((McpSchema.TextContent) failed.content().get(0)).text()).contains("Post not found");

            McpError unknown = org.junit.jupiter.api.Assertions.assertThrows(McpError.class,
                    () -> client.callTool(McpSchema.CallToolRequest.builder("no_such_tool").arguments(Map.of()).build()));
            assertThat(unknown.getJsonRpcError().code()).isEqualTo(-32602);

            List<McpSchema.Resource> resources = client.listResources().resources();
            assertThat(resources).extracting(McpSchema.Resource::uri).contains("rungu://projects/demo");
            assertThat(client.listResourceTemplates().resourceTemplates()).hasSize(2);
            McpSchema.ReadResourceResult board = client.readResource(McpSchema.ReadResourceRequest.builder("rungu://projects/demo").build());
            assertThat(((McpSchema.TextResourceContents) board.contents().get(0)).text()).startsWith("# Demo App");
            McpSchema.ReadResourceResult post = client.readResource(McpSchema.ReadResourceRequest.builder("rungu://posts/" + postId).build());
            assertThat(((McpSchema.TextResourceContents) post.contents().get(0)).text()).contains("Dark mode");

            assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
                    .contains("triage_board", "summarize_feedback");
            McpSchema.GetPromptResult prompt = client.getPrompt(McpSchema.GetPromptRequest.builder("triage_board").arguments(Map.of("slug", "demo")).build());
            assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text()).contains("Dark mode");
            McpSchema.GetPromptResult summary = client.getPrompt(McpSchema.GetPromptRequest.builder("summarize_feedback")
                    .arguments(Map.of("slug", "demo", "status", "open")).build());
            assertThat(summary.messages()).hasSize(1);
        }
        assertThat(stderr.stream().filter(l -> l.contains("ERROR")).toList()).isEmpty();
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, JsonSchemaValidator validator,
                                                 Map<String, McpSchema.Tool> tools, String name, Map<String, Object> args) {
        McpSchema.Tool tool = tools.get(name);
        var inputCheck = validator.validate(tool.inputSchema(), args);
        assertThat(inputCheck.valid()).as(name + " arguments match its inputSchema: " + inputCheck.errorMessage()).isTrue();
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(name).arguments(new LinkedHashMap<>(args)).build());
        List<String> texts = new ArrayList<>();
        result.content().forEach(c -> texts.add(((McpSchema.TextContent) c).text()));
        assertThat(result.isError()).as(name + ": " + texts).isFalse();
        assertThat(result.structuredContent()).as(name).isInstanceOf(Map.class);
        var outputCheck = validator.validate(tool.outputSchema(), result.structuredContent());
        assertThat(outputCheck.valid()).as(name + " output matches its outputSchema: " + outputCheck.errorMessage()).isTrue();
        assertThat(texts).hasSize(1);
        return result;
    }
}
