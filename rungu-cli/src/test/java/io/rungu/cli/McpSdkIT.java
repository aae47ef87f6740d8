package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP Java SDK client against the packaged {@code target/rungu.jar}: {@code rungu mcp} over stdio and
 * {@code rungu serve}'s {@code /mcp} over Streamable HTTP with an API token.
 */
class McpSdkIT {
    private static final String ADMIN = "admin@example.com";

    @TempDir
    Path dir;
    Path db;
    Map<String, String> env;
    final JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
    /** The tools called so far, successfully. */
    final Set<String> called = new TreeSet<>();

    @BeforeEach
    void create_an_admin() throws Exception {
        db = dir.resolve("rungu.db");
        env = Map.of("RUNGU_DATA_DIR", dir.toString(), "RUNGU_SECRET", "mcp-sdk-it-secret-0123456789abcdefghij",
                "RUNGU_SECURE_COOKIES", "false", "RUNGU_BASE_URL", "http://rungu.test");
        rungu("login-link", ADMIN, "--admin", "--name", "Ada Admin");
    }

    @Test
    void the_sdk_client_lists_validates_and_calls_every_tool_of_the_packaged_jar_over_stdio() throws Exception {
        rungu("login-link", "leaving@example.com");
        String leaving = rungu("user", "show", "leaving@example.com", "--json").out()
                .replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        ServerParameters params = ServerParameters.builder(FatJar.java())
                .args("-jar", FatJar.jar().toString(), "mcp", "--db", db.toString(), "--as", ADMIN)
                .env(env)
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);

        // Two posts of a member waiting in a moderated board's approval queue, for approve_post and reject_post.
        rungu("login-link", "member@example.com", "--name", "Mo Member");
        rungu("project", "add", "Queue", "--slug", "queue");
        rungu("project", "edit", "queue", "--moderation", "new_posts");
        String[] waiting = new String[2];
        for (int i = 0; i < 2; i++) {
            String json = rungu("post", "create", "queue", "--title", "Waiting " + i, "--as", "member@example.com",
                    "--json").out();
            waiting[i] = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("id").asText();
        }
        try (McpSyncClient client = client(transport)) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("rungu");
            assertThat(init.capabilities().tools()).isNotNull();
            Map<String, McpSchema.Tool> tools = listToolsWithObjectSchemas(client);

            // A fresh database: the admin creates the board, then every tool gets something to act on.
            call(client, tools, "create_project", Map.of("name", "SDK Board", "description", "from the SDK"));
            String postId = id(call(client, tools, "create_post", Map.of("slug", "sdk-board", "title", "Dark mode",
                    "description", "Please add a dark theme", "category", "feature")), "post");
            String commentId = id(call(client, tools, "add_comment", Map.of("post_id", postId, "content", "Yes please")),
                    "comment");
            call(client, tools, "list_projects", Map.of("per_page", 10));
            call(client, tools, "get_project", Map.of("slug", "sdk-board"));
            call(client, tools, "list_posts", Map.of("slug", "sdk-board", "sort", "most_votes", "status", "open",
                    "category", "feature", "page", 1, "per_page", 5));
            call(client, tools, "get_post", Map.of("id", postId, "include_comments", true));
            call(client, tools, "search_posts", Map.of("slug", "sdk-board", "query", "dark"));
            call(client, tools, "find_similar_posts", Map.of("slug", "sdk-board", "text", "Please add dark mode"));
            call(client, tools, "list_comments", Map.of("post_id", postId));
            call(client, tools, "list_attachments", Map.of("post_id", postId));
            call(client, tools, "whoami", Map.of());
            call(client, tools, "vote_post", Map.of("id", postId));
            call(client, tools, "unsubscribe_post", Map.of("id", postId));
            call(client, tools, "subscribe_post", Map.of("id", postId));
            call(client, tools, "update_post", Map.of("id", postId, "title", "Dark mode, please"));
            call(client, tools, "get_roadmap", Map.of("slug", "sdk-board", "limit", 3));
            call(client, tools, "get_changelog", Map.of("slug", "sdk-board", "since", "2020-01-01T00:00:00Z"));
            call(client, tools, "get_stats", Map.of("slug", "sdk-board"));
            call(client, tools, "get_trending", Map.of("slug", "sdk-board", "days", 30, "limit", 5));

            assertThat(readProject(client)).startsWith("# SDK Board");
            assertThat(prompt(client)).contains("Dark mode, please");
            call(client, tools, "update_post_status", Map.of("id", postId, "status", "done", "response", "Shipped"));
            call(client, tools, "get_post_timeline", Map.of("id", postId));
            call(client, tools, "manage_status", Map.of("project", "sdk-board", "action", "create",
                    "slug", "shipped-beta", "name", "Shipped (beta)", "kind", "active"));
            call(client, tools, "manage_category", Map.of("project", "sdk-board", "action", "create", "name", "Idea"));
            call(client, tools, "manage_tag", Map.of("project", "sdk-board", "action", "create", "name", "Mobile"));
            call(client, tools, "set_post_tags", Map.of("id", postId, "tags", java.util.List.of("mobile")));
            // Subscriptions, email settings, the profile, users, comment edits and attachments (issue 20).
            call(client, tools, "get_subscription", Map.of("id", postId));
            call(client, tools, "subscribe_project", Map.of("slug", "sdk-board"));
            call(client, tools, "unsubscribe_project", Map.of("slug", "sdk-board"));
            call(client, tools, "get_notification_settings", Map.of());
            call(client, tools, "update_notification_settings", Map.of("comments", false));
            call(client, tools, "update_profile", Map.of("name", "Ada A."));
            call(client, tools, "list_users", Map.of());
            call(client, tools, "update_user", Map.of("user_id", leaving, "blocked", true));
            call(client, tools, "edit_comment", Map.of("comment_id", commentId, "content", "Yes please, soon"));
            String attachmentId = attach(postId);
            call(client, tools, "delete_attachment", Map.of("attachment_id", attachmentId));

            call(client, tools, "hide_comment", Map.of("comment_id", commentId));
            call(client, tools, "restore_comment", Map.of("comment_id", commentId));
            call(client, tools, "hide_post", Map.of("id", postId));
            call(client, tools, "restore_post", Map.of("id", postId));
            call(client, tools, "list_pending_posts", Map.of("slug", "queue"));
            call(client, tools, "approve_post", Map.of("id", waiting[0]));
            call(client, tools, "reject_post", Map.of("id", waiting[1]));
            call(client, tools, "delete_comment", Map.of("comment_id", commentId));
            String dupId = id(call(client, tools, "create_post", Map.of("slug", "sdk-board", "title", "Night mode")),
                    "post");
            call(client, tools, "merge_posts", Map.of("id", dupId, "into", postId));
            call(client, tools, "unmerge_post", Map.of("id", dupId));
            call(client, tools, "delete_post", Map.of("id", postId));
            call(client, tools, "update_project", Map.of("slug", "sdk-board", "name", "SDK Board 2",
                    "visibility", "members", "moderation", "new_posts"));
            call(client, tools, "add_project_member", Map.of("slug", "sdk-board", "user", "member@example.com"));
            call(client, tools, "list_project_members", Map.of("slug", "sdk-board"));
            call(client, tools, "remove_project_member", Map.of("slug", "sdk-board", "user", "member@example.com"));
            call(client, tools, "delete_project", Map.of("slug", "sdk-board"));
            // Webhooks: an IP-literal public URL needs no DNS, and `rungu mcp` runs no sender: nothing leaves the machine.
            Map<?, ?> hook = (Map<?, ?>) ((Map<?, ?>) call(client, tools, "create_webhook", Map.of("url",
                    "https://93.184.216.34/hook", "events", List.of("post.created"))).structuredContent()).get("webhook");
            String hookId = (String) hook.get("id");
            call(client, tools, "list_webhooks", Map.of());
            call(client, tools, "update_webhook", Map.of("id", hookId, "enabled", false));
            call(client, tools, "rotate_webhook_secret", Map.of("id", hookId));
            call(client, tools, "send_webhook_test", Map.of("id", hookId));
            call(client, tools, "list_webhook_deliveries", Map.of("id", hookId));
            // No sender ran, so the log has no attempt to redeliver: the tool answers a tool error, not a protocol one.
            assertThat(client.callTool(McpSchema.CallToolRequest.builder("redeliver_webhook")
                    .arguments(Map.of("id", hookId, "delivery_id", "999999")).build()).isError()).isTrue();
            called.add("redeliver_webhook");
            call(client, tools, "delete_webhook", Map.of("id", hookId));
            Map<?, ?> audit = (Map<?, ?>) call(client, tools, "get_audit_log", Map.of("action", "project.deleted",
                    "since", "1h")).structuredContent();
            Map<?, ?> deleted = (Map<?, ?>) ((List<?>) audit.get("entries")).get(0);
            assertThat(deleted.get("channel")).as("the packaged `rungu mcp` is the stdio channel").isEqualTo("mcp_stdio");
            call(client, tools, "delete_user", Map.of("user_id", leaving));
            assertThat(called).containsExactlyInAnyOrderElementsOf(tools.keySet());
        }
        assertThat(stderr.stream().filter(line -> line.contains("ERROR")).toList()).isEmpty();
    }

    @Test
    void the_sdk_client_works_with_the_running_server_over_streamable_http_with_an_api_token() throws Exception {
        CliRun.Result token = rungu("token", "create", "--user", ADMIN, "--name", "agent", "--scope", "write");
        String secret = token.out().strip();
        Path stdout = dir.resolve("serve-out.txt");
        Process server = FatJar.command(env, "serve", "--port", "0", "--host", "127.0.0.1", "--db", db.toString())
                .redirectOutput(stdout.toFile()).redirectError(dir.resolve("serve-err.txt").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + FatJar.awaitPort(server, stdout);

            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                    .httpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Authorization", "Bearer " + secret))
                    .build();
            try (McpSyncClient client = client(transport)) {
                assertThat(client.initialize().serverInfo().name()).isEqualTo("rungu");
                Map<String, McpSchema.Tool> tools = listToolsWithObjectSchemas(client);
                call(client, tools, "create_project", Map.of("name", "SDK Board", "description", "over HTTP"));
                String postId = id(call(client, tools, "create_post", Map.of("slug", "sdk-board", "title", "Dark mode",
                        "description", "Please add a dark theme", "category", "feature")), "post");
                Map<?, ?> vote = (Map<?, ?>) call(client, tools, "vote_post", Map.of("id", postId)).structuredContent();
                assertThat(vote.get("voted")).isEqualTo(true);
                assertThat(call(client, tools, "get_post", Map.of("id", postId)).content().toString()).contains("Dark mode");
                assertThat(readProject(client)).startsWith("# SDK Board");
                assertThat(prompt(client)).contains("Dark mode");
            }
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    private CliRun.Result rungu(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", db.toString()));
        CliRun.Result result = FatJar.run(env, all.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static McpSyncClient client(McpClientTransport transport) {
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .enableCallToolSchemaCaching(true) // the client also checks each structuredContent against its outputSchema
                .build();
    }

    private static Map<String, McpSchema.Tool> listToolsWithObjectSchemas(McpSyncClient client) {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).isNotEmpty();
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.inputSchema().get("type")).as(tool.name()).isEqualTo("object");
            assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
            assertThat(tool.outputSchema().get("type")).as(tool.name()).isEqualTo("object");
            assertThat(tool.description()).as(tool.name()).isNotBlank();
        }
        return tools.stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
    }

    /** Calls a tool with arguments its inputSchema accepts and checks the result against its outputSchema. */
    private McpSchema.CallToolResult call(McpSyncClient client, Map<String, McpSchema.Tool> tools, String name,
                                          Map<String, Object> args) {
        McpSchema.Tool tool = tools.get(name);
        assertThat(tool).as(name + " is listed").isNotNull();
        var input = validator.validate(tool.inputSchema(), args);
        assertThat(input.valid()).as(name + " arguments match its inputSchema: " + input.errorMessage()).isTrue();
        McpSchema.CallToolResult result = client.callTool(
                McpSchema.CallToolRequest.builder(name).arguments(new LinkedHashMap<>(args)).build());
        assertThat(result.isError()).as(name + ": " + result.content()).isFalse();
        var output = validator.validate(tool.outputSchema(), result.structuredContent());
        assertThat(output.valid()).as(name + " output matches its outputSchema: " + output.errorMessage()).isTrue();
        called.add(name);
        return result;
    }

    /** An image on a post, added through the store beside the running server (no tool uploads; docs/mcp.md). */
    private String attach(String postId) throws Exception {
        String adminId = rungu("user", "show", ADMIN, "--json").out()
                .replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        try (io.rungu.store.RunguStore store = io.rungu.store.RunguStore.open(c -> c.url = "jdbc:sqlite:" + db)) {
            return store.board().addAttachment(io.rungu.model.Actor.of(adminId, io.rungu.model.Role.ADMIN), postId,
                    new io.rungu.model.NewAttachment("shot.png", "image/png", io.rungu.store.TestImages.png())).id();
        }
    }

    private static String id(McpSchema.CallToolResult result, String field) {
        return (String) ((Map<?, ?>) ((Map<?, ?>) result.structuredContent()).get(field)).get("id");
    }

    private static String readProject(McpSyncClient client) {
        McpSchema.ReadResourceResult board = client.readResource(
                McpSchema.ReadResourceRequest.builder("rungu://projects/sdk-board").build());
        return ((McpSchema.TextResourceContents) board.contents().get(0)).text();
    }

    private static String prompt(McpSyncClient client) {
        McpSchema.GetPromptResult prompt = client.getPrompt(
                McpSchema.GetPromptRequest.builder("triage_board").arguments(Map.of("slug", "sdk-board")).build());
        return ((McpSchema.TextContent) prompt.messages().get(0).content()).text();
    }

}
